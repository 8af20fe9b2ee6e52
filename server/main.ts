import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseTooNewError } from './db/migrate.ts';
import { announce, startupLine } from './startup.ts';

/** Process entry: read the config, build the app, listen, and close cleanly on a signal. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  const close = async (signal: string) => {
    app.log.info({ signal }, 'closing');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  const line = startupLine(config, address);
  app.log.info(line);
  announce(line, process.stdout);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseTooNewError) {
    console.error(`Plenario no pudo iniciar: ${error.message}`);
  } else {
    console.error('Plenario no pudo iniciar:', error);
  }
  process.exit(1);
});
