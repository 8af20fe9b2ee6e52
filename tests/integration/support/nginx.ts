import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aptInstall } from '../../support/apt.ts';

/** nginx's executable, installed with apt-get when missing and root (as the e2e setup does for Chromium). */
export function ensureNginx(): string {
  const found = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  if (found) return found;
  aptInstall(['nginx-light'], 'nginx not found: install it (Debian: apt-get install nginx-light).');
  const installed = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  if (!installed) throw new Error('apt-get installed nginx-light, but no nginx was found.');
  return installed;
}

/**
 * Runs nginx in the foreground with docs/deploy.md's proxy settings (HTTPS with a self-signed
 * certificate, HTTP/2, WebSocket upgrade, heartbeat-proof timeouts, X-Forwarded-For), in front
 * of 127.0.0.1:upstreamPort; nginx 1.22's `listen … http2` spelling.
 */
export function startNginx(dir: string, port: number, upstreamPort: number): ChildProcess {
  mkdirSync(join(dir, 'logs'), { recursive: true });
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]),
    {
      stdio: 'ignore',
    },
  );
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
error_log ${dir}/logs/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
  upstream plenario { server 127.0.0.1:${upstreamPort}; keepalive 8; }
  server {
    listen 127.0.0.1:${port} ssl http2;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    client_max_body_size 1m;
    proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $connection_upgrade;
    location /socket.io/ { proxy_pass http://plenario; proxy_read_timeout 75s; proxy_send_timeout 75s; proxy_buffering off; }
    location / { proxy_pass http://plenario; }
  }
}
`,
  );
  return spawn(ensureNginx(), ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
}
