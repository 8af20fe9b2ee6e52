import type { Page } from 'playwright-core';

/**
 * A phone's connection that a test can cut: offline for HTTP (Socket.IO's polling) and the open
 * WebSocket closed, as when a phone loses signal; new WebSockets are refused until restored.
 */
export class PhoneNetwork {
  #offline = false;
  /** Added to the server's clock readings on their way to the phone: the phone then believes time has passed. */
  skewMs = 0;
  #open = new Set<{ close: () => Promise<void> }>();

  async install(phone: Page): Promise<void> {
    await phone.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (this.#offline) {
        void ws.close();
        return;
      }
      const upstream = ws.connectToServer();
      ws.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) =>
        ws.send(
          typeof message === 'string' && this.skewMs !== 0
            ? message.replace(/"serverNow":(\d+)/g, (_, n: string) => `"serverNow":${Number(n) + this.skewMs}`)
            : message,
        ),
      );
      this.#open.add(ws);
      ws.onClose(() => this.#open.delete(ws));
    });
  }

  async cut(phone: Page): Promise<void> {
    this.#offline = true;
    await phone.context().setOffline(true);
    for (const ws of this.#open) await ws.close();
    this.#open.clear();
  }

  async restore(phone: Page): Promise<void> {
    this.#offline = false;
    await phone.context().setOffline(false);
  }
}
