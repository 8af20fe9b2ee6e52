/**
 * The benchmark's floor: a bare Socket.IO server speaking just enough of Plenario's protocol
 * for the same generators — it acknowledges every event at once and re-broadcasts counts, with
 * no validation, no state beyond counters and no storage.
 *
 * It re-broadcasts on the same schedule Plenario's protocol promises, so the comparison
 * measures the cost of doing the work, not a different publishing policy: the answer count to
 * facilitator sockets at most every 100 ms (leading edge), the participant count and, while
 * results are shown, the answer count to participants at most once a second.
 *
 * Run as its own process: PORT and HOST from the environment, like the real server.
 */
import { createServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { LIMITS } from '../../shared/limits.ts';

const ITEM_IDS = ['liderazgo', 'normativo', 'servicios', 'promocion', 'informacion'];
const ACTIVITY_ID = 'rating';
const SESSION = { id: 'minimal', code: '000000', facilitatorToken: 'minimal-server-facilitator-token' };

let participantCount = 0;
let answers = 0;
let resultsVisible = false;

const live = () => ({
  currentActivityId: ACTIVITY_ID,
  resultsVisible,
  blank: false,
  answering: { [ACTIVITY_ID]: 'open' },
  participantCount,
  status: 'open',
});
// Shaped and sized like Plenario's rating results, plus the plain count the presenter reads.
const update = () => ({
  activityId: ACTIVITY_ID,
  results: {
    kind: 'rating',
    respondents: answers,
    items: Object.fromEntries(ITEM_IDS.map((id) => [id, { counts: [0, 0, 0, 0, 0], n: 0, mean: null }])),
  },
  count: answers,
});

const http = createServer((req, res) => {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET' && req.url === '/healthz') return reply(200, { status: 'ok' });
  if (req.method === 'POST' && req.url === '/api/sessions') {
    req.resume();
    return req.on('end', () => reply(201, { ...SESSION, joinUrl: '', presenterUrl: '', facilitatorUrl: '' }));
  }
  reply(404, { error: { code: 'NOT_FOUND', message: 'No existe esa ruta.' } });
});

const io = new Server(http, { maxHttpBufferSize: LIMITS.socketMessageBytes, pingInterval: 20_000, pingTimeout: 20_000 });

/** One coalescing channel: leading edge after a quiet spell, then at most one flush per interval. */
function channel(intervalMs: number, flush: () => void) {
  let lastAt = 0;
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      lastAt = Date.now();
      flush();
    };
    const wait = lastAt + intervalMs - Date.now();
    if (wait <= 0) setImmediate(run);
    else setTimeout(run, wait);
  };
}

let facilitatorsLive = false;
let facilitatorsResults = false;
const toFacilitators = channel(100, () => {
  if (facilitatorsLive) io.to('f').emit('session:live', live());
  if (facilitatorsResults) io.to('f').emit('results:updated', update());
  facilitatorsLive = facilitatorsResults = false;
});
let participantsLive = false;
let participantsResults = false;
const toParticipants = channel(1_000, () => {
  if (participantsLive) io.to('p').emit('session:live', live());
  if (participantsResults && resultsVisible) io.to('p').emit('results:updated', update());
  participantsLive = participantsResults = false;
});

type Ack = (response: unknown) => void;

io.on('connection', (socket: Socket) => {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  if (auth && typeof auth.facilitatorToken === 'string') {
    void socket.join('f');
    socket.emit('session:snapshot', {
      session: {
        id: SESSION.id,
        code: SESSION.code,
        title: 'Minimal',
        createdAt: 0,
        agenda: [{ id: ACTIVITY_ID, kind: 'rating', title: 'Rating', items: ITEM_IDS.map((id) => ({ id, label: id })) }],
        live: live(),
        joinUrl: '',
      },
      results: { [ACTIVITY_ID]: update().results },
    });
  }
  socket.on('session:join', (_payload: unknown, ack: Ack) => {
    if (typeof ack !== 'function') return;
    void socket.join('p');
    participantCount++;
    ack({ ok: true, data: { participantToken: 'minimal-participant-token', snapshot: {} } });
    facilitatorsLive = participantsLive = true;
    toFacilitators();
    toParticipants();
  });
  socket.on('answer:submit', (payload: { activityId?: unknown; value?: unknown }, ack: Ack) => {
    if (typeof ack !== 'function') return;
    answers++;
    ack({ ok: true, data: { activityId: payload?.activityId, value: payload?.value, duplicate: false } });
    facilitatorsResults = participantsResults = true;
    toFacilitators();
    if (resultsVisible) toParticipants();
  });
  socket.on('agenda:goto', (_payload: unknown, ack: Ack) => {
    if (typeof ack !== 'function') return;
    ack({ ok: true, data: live() });
  });
  socket.on('display:set', (payload: { resultsVisible?: unknown }, ack: Ack) => {
    if (typeof ack !== 'function') return;
    if (typeof payload?.resultsVisible === 'boolean') resultsVisible = payload.resultsVisible;
    ack({ ok: true, data: live() });
    facilitatorsLive = participantsLive = true;
    // Revealing goes out at once, as in Plenario; later changes wait for the interval.
    if (resultsVisible) io.to('p').emit('results:updated', update());
    toFacilitators();
    toParticipants();
  });
});

const port = Number(process.env.PORT ?? 3001);
http.listen(port, process.env.HOST ?? '127.0.0.1');
const stop = () => {
  // Closes every socket and the HTTP server with them.
  io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
