/**
 * `npm run demo -- --participants N [--agenda FILE] [--url URL] [--json] [--pace MS] [--email E --password P]`:
 * rehearsal mode.
 *
 * Creates a `bienestar-sesion-2` session (or one from an exported agenda, --agenda: any kinds,
 * answered by demo-answers.ts where demo.ts has no scene of its own) on a running server and plays the whole workshop
 * through the public API and the real socket protocol: N simulated participants join by code,
 * each saying their agency (demo-agencies.ts; some prefer not to), and answer ("Nada" alone: one of them first tries it with another option and is refused), the
 * salas are formed mixing agencies and take their roles; during the conversation every secretary takes notes
 * (the first drafts of the sala's synthesis), members raise hands and the moderator gives the
 * floor and times a turn, one sala calls the facilitator, who acknowledges it; the facilitator
 * ends the conversation and the return countdown runs; then every secretary finishes and
 * submits the synthesis in its step, while
 * this script drives the facilitator's side: it reads each activity's notes, shows them on the
 * presenter screen once, and writes "Comentarios y análisis" after each result. The session is
 * left open on the closing slide, so a facilitator can rehearse and look at every screen populated.
 *
 * On a server with accounts it signs in first (--email and --password, the password also from
 * PLENARIO_PASSWORD) or uses a sign-in token from PLENARIO_AUTH_TOKEN (the plenario_auth cookie).
 *
 * It stays within the server's rate limits (one join per connection, a handful of answers per
 * participant, a few debounced synthesis saves per sala), stops at the first refused ack
 * (printed, exit code 1), bounds every wait, and closes its sockets so the process ends.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { nanoid } from 'nanoid';
import { io, type Socket } from 'socket.io-client';
import type { Ack, AckOf, ClientEvent, ClientToServerEvents, EmitArgs, PayloadOf, ServerToClientEvents } from '../../shared/events.ts';
import { synthesesOf } from '../../shared/agenda.ts';
import { combinedExclusive } from '../../shared/choice.ts';
import { LIMITS } from '../../shared/limits.ts';
import type {
  Activity,
  BreakoutActivity,
  ChoiceActivity,
  CreatedSession,
  FacilitatorAuth,
  OpenActivity,
  QuestionActivity,
  RatingActivity,
  SessionSnapshot,
  SynthesisActivity,
  SynthesisContent,
} from '../../shared/types.ts';
import { fieldKeys } from '../domain/synthesis.ts';
import { DEMO_AGENCIES, demoAgency, mixingAgencies } from './demo-agencies.ts';
import { followUpSupport, nextSessionFromRegister } from './demo-register.ts';
import { catalogueCards } from './demo-catalogue.ts';
import { PLAYED_KINDS, plausibleAnswer } from './demo-answers.ts';
import * as say from './demo-text.ts';
import { AUTH_COOKIE, authCookie } from './demo-auth.ts';
import { CommitmentPlayer } from './demo-commitments.ts';
import { playQa, type AckData } from './demo-qa.ts';
import { tellExperiences } from './demo-experiences.ts';
import type { ExperienceSavePayload } from '../../shared/experience.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const TEMPLATE = 'bienestar-sesion-2';
const DEFAULT_URL = 'http://localhost:3000';
const MAX_PARTICIPANTS = 300;
const ACK_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** Joins start this far apart, so a room of 100 does not arrive in the same millisecond. */
const JOIN_GAP_MS = 40;
/** Share of participants who type a name when joining. */
const NAMED_SHARE = 0.3;

interface Options {
  participants: number;
  /** An agenda document (docs/agenda-format.md) to play instead of the built-in template. */
  agenda: { title?: string } | null;
  url: string;
  json: boolean;
  /** The facilitator's pause between actions; answers and saves are spread over a few of these. */
  paceMs: number;
  /** A server with accounts: sign in with these, or use this sign-in token. */
  email: string | null;
  password: string | null;
  authToken: string | null;
  /** Rehearse the next session of the series too (needs an account: series belong to one). */
  nextSession: boolean;
}

/** The environment variables the rehearsal reads (kept out of the command line and its history). */
const ENV_PASSWORD = 'PLENARIO_PASSWORD';
const ENV_AUTH_TOKEN = 'PLENARIO_AUTH_TOKEN';

interface Participant {
  index: number;
  socket: ClientSocket;
  participantId: string;
  displayName: string | null;
}

/** A sala as the rehearsal plays it: its members (shuffled) and who took each role. */
interface Room {
  salaId: string;
  name: string;
  /** The sala's position in the breakout (for its synthesis texts). */
  index: number;
  members: Participant[];
  secretary: Participant;
  moderator: Participant | null;
}

/** A sala's synthesis being written: the drafts still to save, and the version last saved. */
interface Notebook {
  synthesisId: string;
  drafts: SynthesisContent[];
  version: number;
}

/** Autosaves of the secretary's notes during the conversation, before the synthesis step. */
const NOTES_DURING_CONVERSATION = 2;

/** A refused ack, a timeout or a bad response: what went wrong, for the person at the terminal. */
class DemoError extends Error {
  override name = 'DemoError';
}

/** Bad command-line arguments: printed with the usage, exit code 2. */
class UsageError extends Error {}

const USAGE = `Uso: npm run demo -- --participants N [--agenda ARCHIVO] [--url URL] [--json] [--pace MS] [--email CORREO --password CLAVE] [--next-session]

  --participants N  participantes simulados (1–${MAX_PARTICIPANTS})
  --agenda ARCHIVO  una agenda exportada (JSON) en vez de la plantilla de la sesión 2
  --url URL         servidor de Plenario (por defecto ${DEFAULT_URL})
  --json            imprime solo, en la última línea, la respuesta de POST /api/sessions
  --pace MS         pausa de quien facilita entre acciones (por defecto 150; 1500 para mirar en vivo)
  --email CORREO    en un servidor con cuentas: la cuenta con la que se crea la sesión
  --password CLAVE  su contraseña (o en la variable ${ENV_PASSWORD})
  --next-session    ensaya también la sesión siguiente de la serie (necesita cuenta): quienes
                    escribieron un compromiso lo retoman al comenzar

  En un servidor con cuentas también sirve, en vez de correo y contraseña, un token de inicio
  de sesión (la cookie ${AUTH_COOKIE}) en la variable ${ENV_AUTH_TOKEN}.`;

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string', short: 'n' },
      agenda: { type: 'string' },
      url: { type: 'string', default: DEFAULT_URL },
      json: { type: 'boolean', default: false },
      pace: { type: 'string', default: '150' },
      email: { type: 'string' },
      password: { type: 'string' },
      'next-session': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const participants = Number(values.participants);
  if (!Number.isInteger(participants) || participants < 1 || participants > MAX_PARTICIPANTS) {
    throw new UsageError(`--participants debe ser un entero entre 1 y ${MAX_PARTICIPANTS}.`);
  }
  const paceMs = Number(values.pace);
  if (!Number.isInteger(paceMs) || paceMs < 0 || paceMs > 10_000)
    throw new UsageError('--pace debe ser un entero entre 0 y 10000 (milisegundos).');
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new UsageError(`--url no es una dirección válida: ${values.url}`);
  }
  const email = values.email ?? null;
  const password = values.password ?? (process.env[ENV_PASSWORD] || null);
  if (email !== null && password === null) throw new UsageError(`--email necesita --password (o la variable ${ENV_PASSWORD}).`);
  if (email === null && values.password !== undefined) throw new UsageError('--password va con --email.');
  const authToken = process.env[ENV_AUTH_TOKEN] || null;
  const nextSession = values['next-session'];
  if (nextSession && email === null && authToken === null)
    throw new UsageError(
      `--next-session necesita una cuenta: --email y --password, o ${ENV_AUTH_TOKEN} (las series pertenecen a una cuenta).`,
    );
  const agenda = values.agenda === undefined ? null : readAgenda(values.agenda);
  return {
    participants,
    url: url.origin,
    json: values.json,
    paceMs,
    email,
    password: email === null ? null : password,
    authToken,
    nextSession,
    agenda,
  };
}

/** The agenda file as JSON; the server checks the rest (and says what is wrong, path by path). */
function readAgenda(path: string): { title?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--agenda: no se pudo leer ${path} (${(error as Error).message}).`);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('no es un objeto');
    return parsed as { title?: string };
  } catch (error) {
    throw new UsageError(`--agenda: ${path} no es una agenda en JSON (${(error as Error).message}).`);
  }
}

/** The session's title for a rehearsal of an imported agenda (the server's title limit holds). */
function rehearsalTitle(title: string | undefined): string {
  return `Ensayo · ${typeof title === 'string' && title.trim() ? title.trim() : 'agenda importada'}`.slice(0, LIMITS.sessionTitleMax);
}

// ---------- small helpers ----------

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const chance = (p: number) => Math.random() < p;
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** An index drawn with the given relative weights. */
function weighted(weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = Math.random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Runs `task` for every item, each starting `delay(i)` ms from now, and waits for all of them.
 * The first failure rejects (the others are left to the process exit); none goes unhandled.
 */
function everyone<T, R>(items: readonly T[], delay: (index: number) => number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  return Promise.all(
    items.map((item, i) => {
      const run = sleep(delay(i)).then(() => task(item, i));
      run.catch(() => {});
      return run;
    }),
  );
}

/** "482913" → "482 913", as the screens show it. */
const formatJoinCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

function cutAtWord(text: string, length: number): string {
  if (length >= text.length) return text;
  const space = text.lastIndexOf(' ', length);
  return text.slice(0, space > 0 ? space : length);
}

// ---------- the wire ----------

/** Every socket opened, to close them all at the end (or on failure). */
const sockets = new Set<ClientSocket>();
let finishing = false;

function open(url: string, auth?: FacilitatorAuth): Promise<ClientSocket> {
  // WebSocket only and no Origin header: the server takes a non-browser client as such.
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
    ackTimeout: ACK_TIMEOUT_MS,
    ...(auth ? { auth } : {}),
  });
  sockets.add(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.on('disconnect', (reason) => {
        if (!finishing) abort(new DemoError(`Se perdió una conexión con el servidor (${reason}).`));
      });
      resolve(socket);
    });
    socket.once('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      const detail = error.data?.message ? `${error.data.code}: ${error.data.message}` : error.message;
      reject(new DemoError(`No se pudo abrir un socket con ${url} (${detail}).`));
    });
  });
}

/** An event emitted, and the ack to come. */
interface Sent<T> {
  event: ClientEvent;
  ack: Promise<Ack<T>>;
}

/** Emits an event of the contract; the socket's ackTimeout bounds the wait for its ack. */
function send<E extends ClientEvent>(socket: ClientSocket, event: E, ...payload: EmitArgs<E>): { event: E; ack: Promise<AckOf<E>> } {
  return { event, ack: socket.emitWithAck(event, ...payload) };
}

/** The data of the ack of what was sent; a refusal or a timeout is a DemoError. */
async function call<T>(sent: Sent<T>, context: string): Promise<T> {
  const { event } = sent;
  let ack: Ack<T>;
  try {
    ack = await sent.ack;
  } catch {
    throw new DemoError(`${context}: «${event}» sin respuesta del servidor en ${ACK_TIMEOUT_MS / 1000} s.`);
  }
  if (!ack.ok) {
    const details = ack.error.details?.map((d) => `\n    ${d.path}: ${d.message}`).join('') ?? '';
    throw new DemoError(`${context}: el servidor rechazó «${event}» con ${ack.error.code}: ${ack.error.message}${details}`);
  }
  return ack.data;
}

/** An HTTP call of the rehearsal: a failure to connect or a timeout is a DemoError. */
async function http(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(ACK_TIMEOUT_MS) });
  } catch (error) {
    throw new DemoError(`No se pudo contactar a ${url} (${(error as Error).message}). ¿Está corriendo el servidor (npm start)?`);
  }
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status === status) return;
  const body = await response.text().catch(() => '');
  throw new DemoError(`${what} respondió ${response.status}: ${body.slice(0, 500)}`);
}

/** The sign-in token to create the session with: the one given, or one from signing in; null without accounts. */
async function signIn(options: Options): Promise<string | null> {
  if (options.email === null || options.password === null) return options.authToken;
  const response = await http(`${options.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: options.email, password: options.password }),
  });
  await expectStatus(response, 200, `POST ${options.url}/api/auth/sign-in (${options.email})`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${AUTH_COOKIE}=`));
  const token = cookie?.slice(AUTH_COOKIE.length + 1).split(';')[0];
  if (!token) throw new DemoError('El servidor aceptó el inicio de sesión pero no entregó su cookie.');
  return decodeURIComponent(token);
}

/**
 * Where a rehearsed session goes: its series (null: none) and the session of the series it
 * follows (null: the first), whose agenda it starts from, with the support register's slide in
 * its "Retomando".
 */
interface Place {
  seriesId: string | null;
  previousSessionId: string | null;
}

/** What the session starts from: the session it follows, an imported agenda, or the template. */
function sessionSource(place: Place, agenda: Options['agenda']): Record<string, unknown> {
  if (place.previousSessionId) return { title: say.NEXT_SESSION_TITLE, ...nextSessionFromRegister(place.previousSessionId) };
  if (agenda) return { title: rehearsalTitle(agenda.title), agenda };
  return { title: say.SESSION_TITLE, template: TEMPLATE };
}

async function createSession(url: string, authToken: string | null, place: Place, agenda: Options['agenda']): Promise<CreatedSession> {
  const response = await http(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authCookie(authToken) },
    body: JSON.stringify({
      ...sessionSource(place, agenda),
      agencies: DEMO_AGENCIES.map((a) => a.name),
      ...(place.seriesId ? { seriesId: place.seriesId } : {}),
    }),
  });
  if (response.status === 401)
    throw new DemoError(
      `Este servidor tiene cuentas: indica --email y --password (o ${ENV_PASSWORD}), o un token de inicio de sesión en ${ENV_AUTH_TOKEN}.`,
    );
  await expectStatus(response, 201, `POST ${url}/api/sessions`);
  return (await response.json()) as CreatedSession;
}

/** The series both rehearsed sessions go in. */
async function createSeries(options: Options): Promise<string> {
  const response = await http(`${options.url}/api/series`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authCookie(await signIn(options)) },
    body: JSON.stringify({ title: say.SERIES_TITLE }),
  });
  await expectStatus(response, 201, `POST ${options.url}/api/series`);
  return ((await response.json()) as { id: string }).id;
}

// ---------- the workshop ----------

class Rehearsal {
  readonly #options: Options;
  readonly #log: (line: string) => void;
  #facilitator!: ClientSocket;
  #session!: CreatedSession;
  #people: Participant[] = [];
  #byId = new Map<string, Participant>();
  #agenda: readonly Activity[] = [];
  /** Each sala's notebook, by sala id: made when its secretary takes the first notes. */
  readonly #notebooks = new Map<string, Notebook>();
  #notesShown = false;
  #comments = 0;
  readonly #commitments: CommitmentPlayer;
  readonly #place: Place;

  constructor(options: Options, log: (line: string) => void, commitments: CommitmentPlayer, place: Place) {
    this.#options = options;
    this.#log = log;
    this.#commitments = commitments;
    this.#place = place;
  }

  get #pace(): number {
    return this.#options.paceMs;
  }

  /** Answers and saves arrive at random moments within this span, as in a real room. */
  get #spread(): number {
    return Math.max(800, 4 * this.#pace);
  }

  async run(): Promise<{ session: CreatedSession; snapshot: SessionSnapshot; comments: number }> {
    const { url, participants } = this.#options;
    this.#session = await createSession(url, await signIn(this.#options), this.#place, this.#options.agenda);
    this.#log(`Sesión creada: código ${formatJoinCode(this.#session.code)}.`);

    const template = await this.#connectFacilitator();
    // The built-in workshop gains its commitments (and their follow-up); an imported agenda is
    // rehearsed as the facilitator wrote it.
    const agenda =
      this.#options.agenda === null
        ? await this.#commitments.prepare(this.#facilitator, template, this.#place.previousSessionId !== null)
        : template;
    this.#agenda = agenda;
    await this.#join(participants);
    this.#log(`${participants} participantes conectados.`);

    // The join screen (code and QR) is showing; walk the run of show, then the closing slide
    // (an agenda that ends with a question plays it too, and stays there).
    const last = agenda.at(-1);
    const closing = last?.kind === 'content' ? last : null;
    for (const activity of closing ? agenda.slice(0, -1) : agenda) {
      const live = await call(send(this.#facilitator, 'agenda:step', { direction: 'next' }), `Avanzar a «${activity.title}»`);
      if (live.currentActivityId !== activity.id) throw new DemoError(`La agenda no avanzó a «${activity.title}».`);
      await this.#play(activity, agenda);
    }
    await sleep(this.#pace);
    if (closing) await call(send(this.#facilitator, 'agenda:goto', { activityId: closing.id }), 'Ir a la lámina de cierre');
    const snapshot = await call(send(this.#facilitator, 'session:sync', {}), 'Leer el estado final');
    return { session: this.#session, snapshot, comments: this.#comments };
  }

  async #connectFacilitator(): Promise<Activity[]> {
    const auth = { sessionId: this.#session.id, facilitatorToken: this.#session.facilitatorToken };
    this.#facilitator = await open(this.#options.url, auth);
    // The server pushes a snapshot on connection too; asking for one needs no listener race.
    const snapshot = await call(send(this.#facilitator, 'session:sync', {}), 'Conectar a quien facilita');
    return snapshot.session.agenda;
  }

  async #join(count: number): Promise<void> {
    const names = shuffled(say.DISPLAY_NAMES);
    await everyone(
      Array.from({ length: count }, (_, i) => i),
      (i) => i * JOIN_GAP_MS,
      async (index) => {
        const socket = await open(this.#options.url);
        const displayName = index > 0 && chance(NAMED_SHARE) ? (names[index % names.length] ?? null) : null;
        const joined = await call(
          send(socket, 'session:join', { code: this.#session.code, agency: demoAgency(), ...(displayName ? { displayName } : {}) }),
          `Participante ${index + 1} se une`,
        );
        const person: Participant = { index, socket, participantId: joined.snapshot.participantId, displayName };
        this.#people.push(person);
        this.#byId.set(person.participantId, person);
      },
    );
    this.#people.sort((a, b) => a.index - b.index);
  }

  async #play(activity: Activity, agenda: readonly Activity[]): Promise<void> {
    if (activity.notes) await this.#notes(activity);
    await this.#playKind(activity, agenda);
    if (activity.kind !== 'content' && activity.kind !== 'commitment' && activity.kind !== 'experience')
      await this.#comment(activity.id, say.COMMENTS[activity.kind]);
  }

  /**
   * The facilitator reads the activity's notes on the console; the first time, the notes are
   * shown on the presenter screen a moment and hidden again (phones never receive them).
   */
  async #notes(activity: Activity): Promise<void> {
    this.#log(`Notas para quien facilita: ${activity.notes}`);
    if (this.#notesShown) return;
    this.#notesShown = true;
    await call(send(this.#facilitator, 'display:set', { presenterNotes: true }), 'Mostrar las notas en la pantalla');
    await sleep(2 * this.#pace);
    await call(send(this.#facilitator, 'display:set', { presenterNotes: false }), 'Ocultar las notas de la pantalla');
  }

  /** "Comentarios y análisis" of a result, as the console's box saves them. */
  async #comment(activityId: string, text: string): Promise<void> {
    const { url } = this.#options;
    const response = await http(`${url}/api/sessions/${this.#session.id}/comments/${activityId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.#session.facilitatorToken}` },
      body: JSON.stringify({ text }),
    });
    await expectStatus(response, 200, 'Guardar los comentarios y el análisis');
    this.#comments += 1;
  }

  async #playKind(activity: Activity, agenda: readonly Activity[]): Promise<void> {
    switch (activity.kind) {
      case 'content':
        this.#log(`Lámina: ${activity.title}`);
        return sleep(2 * this.#pace);
      case 'choice':
        return this.#choice(activity);
      case 'rating':
        return this.#rating(activity);
      case 'open':
        return this.#open(activity);
      case 'ranking':
      case 'points':
        return this.#generated(activity);
      case 'breakout':
        return this.#breakout(activity);
      case 'synthesis':
        return this.#synthesis(activity, agenda);
      case 'commitment':
        return this.#commitments.play(activity, this.#people);
      case 'qa':
        return void (await playQa(activity, {
          facilitator: this.#facilitator,
          people: this.#people,
          call: this.#request,
          pace: this.#pace,
          log: this.#log,
        }));
      case 'experience': {
        // Some of the room tell an experience of their agency from the phone.
        const writers = this.#respondents(0.3).map((person) => ({
          agency: null,
          save: (payload: ExperienceSavePayload) =>
            call(send(person.socket, 'experience:save', payload), `Participante ${person.index + 1} cuenta una experiencia`),
        }));
        this.#log(`Experiencias contadas desde los teléfonos: ${await tellExperiences(activity.id, writers)}.`);
        return;
      }
    }
  }

  /** `call(send(…))` generic in the event, for the Q&A's port (`call` cannot infer the ack's type of a generic event). */
  #request = <E extends ClientEvent>(socket: ClientSocket, event: E, payload: PayloadOf<E>, what: string): Promise<AckData<E>> =>
    call(send(socket, event, ...([payload] as EmitArgs<E>)) as Sent<AckData<E>>, what);

  /** Someone answers (participant 0 always does, so every question has a respondent). */
  #respondents(share: number): Participant[] {
    return this.#people.filter((p) => p.index === 0 || chance(share));
  }

  async #answer(person: Participant, activityId: string, value: PayloadOf<'answer:submit'>['value']): Promise<void> {
    await call(
      send(person.socket, 'answer:submit', { activityId, clientAnswerId: nanoid(), value }),
      `Participante ${person.index + 1} responde`,
    );
  }

  async #showResults(): Promise<void> {
    await sleep(this.#pace);
    await call(send(this.#facilitator, 'display:set', { resultsVisible: true }), 'Mostrar resultados');
    await sleep(3 * this.#pace);
  }

  async #choice(activity: ChoiceActivity): Promise<void> {
    const weightOf = (id: string) => say.CHOICE_WEIGHTS[id] ?? (activity.multiple ? 0.3 : 1);
    const pick = (): string[] => {
      if (!activity.multiple) return [activity.options[weighted(activity.options.map((o) => weightOf(o.id)))]!.id];
      const ticked = activity.options.filter((o) => chance(weightOf(o.id))).map((o) => o.id);
      if (ticked.length === 0) return [activity.options[weighted(activity.options.map((o) => weightOf(o.id)))]!.id];
      // An exclusive option ("Nada") goes alone: ticked with others, it is left out.
      const alone = combinedExclusive(activity, ticked);
      return alone ? ticked.filter((id) => id !== alone.id) : ticked;
    };
    const tester = await this.#exclusiveRefused(activity);
    const voters = this.#respondents(0.93).filter((person) => person !== tester);
    const first = new Map<Participant, string[]>();
    await everyone(
      voters,
      () => Math.random() * this.#spread,
      async (person) => {
        const optionIds = pick();
        first.set(person, optionIds);
        await this.#answer(person, activity.id, { kind: 'choice', optionIds });
      },
    );
    // A few change their mind while answering is open.
    const changers = voters.filter(() => chance(0.2));
    await everyone(
      changers,
      () => Math.random() * this.#spread,
      async (person) => {
        const before = (first.get(person) ?? []).join();
        let optionIds = pick();
        for (let tries = 0; optionIds.join() === before && tries < 10; tries++) optionIds = pick();
        if (!activity.multiple && optionIds.join() === before) optionIds = [activity.options.find((o) => o.id !== before)!.id];
        await this.#answer(person, activity.id, { kind: 'choice', optionIds });
      },
    );
    this.#log(`Pregunta: ${activity.title} — ${voters.length} respuestas, ${changers.length} cambios.`);
    await this.#showResults();
  }

  /**
   * The last participant tries an exclusive option together with another (as a phone of ours
   * never sends): the server must refuse it with VALIDATION_FAILED. Then they answer it alone.
   */
  async #exclusiveRefused(activity: ChoiceActivity): Promise<Participant | null> {
    const exclusive = activity.options.find((o) => o.exclusive === true);
    const other = activity.options.find((o) => o.exclusive !== true);
    const person = this.#people.at(-1);
    if (!activity.multiple || !exclusive || !other || !person || person.index === 0) return null;
    const payload = {
      activityId: activity.id,
      clientAnswerId: nanoid(),
      value: { kind: 'choice' as const, optionIds: [exclusive.id, other.id] },
    };
    const ack = await send(person.socket, 'answer:submit', payload).ack;
    if (ack.ok || ack.error.code !== 'VALIDATION_FAILED')
      throw new DemoError(`«${exclusive.label}» junto con otra opción debía rechazarse con VALIDATION_FAILED.`);
    await this.#answer(person, activity.id, { kind: 'choice', optionIds: [exclusive.id] });
    this.#log(`«${exclusive.label}» con otra opción: rechazada, como corresponde; va sola.`);
    return person;
  }

  async #rating(activity: RatingActivity): Promise<void> {
    const voters = this.#respondents(0.9);
    await everyone(
      voters,
      () => Math.random() * this.#spread,
      async (person) => {
        const ratings: Record<string, number> = {};
        for (const item of activity.items) {
          // Some leave an axis they do not know about unrated.
          if (chance(0.12)) continue;
          ratings[item.id] = 1 + weighted(say.RATING_WEIGHTS[item.id] ?? say.DEFAULT_RATING_WEIGHTS);
        }
        if (Object.keys(ratings).length === 0) ratings[activity.items[0]!.id] = randomInt(2, 4);
        await this.#answer(person, activity.id, { kind: 'rating', ratings });
      },
    );
    this.#log(`Evaluación 1–5: ${activity.title} — ${voters.length} respuestas.`);
    await this.#showResults();
  }

  /** A kind whose answers come from demo-answers.ts: most of the room answers once. */
  async #generated(activity: QuestionActivity): Promise<void> {
    const voters = this.#respondents(0.9);
    await everyone(
      voters,
      () => Math.random() * this.#spread,
      async (person) => {
        const value = plausibleAnswer(activity);
        if (value) await this.#answer(person, activity.id, value);
      },
    );
    this.#log(`${PLAYED_KINDS[activity.kind] ?? activity.kind}: ${activity.title} — ${voters.length} respuestas.`);
    await this.#showResults();
  }

  async #open(activity: OpenActivity): Promise<void> {
    const voters = this.#respondents(0.8);
    await everyone(
      voters,
      () => Math.random() * this.#spread,
      async (person) => {
        const count = Math.min(activity.maxPerPerson, randomInt(1, 2));
        const texts = shuffled(say.OPEN_ANSWERS)
          .slice(0, count)
          .map((t) => t.slice(0, activity.maxLength));
        await this.#answer(person, activity.id, { kind: 'open', texts });
      },
    );
    this.#log(`Pregunta abierta: ${activity.title} — ${voters.length} respuestas.`);
    await this.#showResults();
  }

  async #breakout(activity: BreakoutActivity): Promise<void> {
    await call(send(this.#facilitator, 'agenda:update', { activity: mixingAgencies(activity) }), 'Mezclar servicios en las salas');
    const formed = await call(send(this.#facilitator, 'breakout:form', { activityId: activity.id }), 'Formar las salas');
    this.#log(`Salas formadas: ${formed.salas.map((s) => `${s.name} (${s.members.length})`).join(', ')}.`);
    await sleep(this.#pace);

    // Part one: in each sala someone takes the moderator's role and someone else the secretary's.
    const rooms = await everyone(
      formed.salas,
      () => Math.random() * this.#spread,
      async (sala, salaIndex): Promise<Room> => {
        const members = shuffled(sala.members).map((m) => this.#person(m.participantId));
        const [secretary, moderator] = members;
        if (!secretary) throw new DemoError(`${sala.name} quedó sin miembros.`);
        const claim = (person: Participant, role: 'moderator' | 'secretary') =>
          call(
            send(person.socket, 'role:claim', { activityId: activity.id, salaId: sala.id, role }),
            `${sala.name}: participante ${person.index + 1} toma un rol`,
          );
        if (moderator) {
          await claim(moderator, 'moderator');
          await sleep(Math.random() * this.#pace);
        }
        await claim(secretary, 'secretary');
        return { salaId: sala.id, name: sala.name, index: salaIndex, members, secretary, moderator: moderator ?? null };
      },
    );
    await sleep(this.#pace);

    // Part two: the conversation. The secretaries take notes, the moderators give the floor,
    // a sala calls the facilitator, and the facilitator reminds everyone of the time.
    await call(send(this.#facilitator, 'breakout:timer', { activityId: activity.id, action: 'start' }), 'Iniciar la conversación en salas');
    this.#log('Conversación en salas iniciada.');
    const turns = await everyone(
      rooms,
      () => Math.random() * this.#pace,
      async (room) => {
        const [given] = await Promise.all([this.#turns(activity, room), this.#takeNotes(activity, room)]);
        return given;
      },
    );
    this.#log(`Notas tomadas durante la conversación en ${rooms.length} salas; turnos dados: ${turns.reduce((a, b) => a + b, 0)}.`);
    await this.#callFacilitator(activity, rooms[0]!);
    await call(send(this.#facilitator, 'breakout:broadcast', { activityId: activity.id, text: say.BROADCAST }), 'Enviar aviso a las salas');
    this.#log(`Aviso a las salas: «${say.BROADCAST}».`);
    await sleep(2 * this.#pace);

    // Part three: the facilitator ends the conversation and the return countdown begins.
    const back = await call(
      send(this.#facilitator, 'breakout:timer', { activityId: activity.id, action: 'end' }),
      'Terminar la conversación: regreso a la sala principal',
    );
    if (back.phase !== 'return') throw new DemoError('Al terminar la conversación debía empezar la cuenta regresiva del regreso.');
    this.#log(`Regreso a la sala principal: cuenta regresiva de ${activity.returnSeconds} s.`);
    await sleep(2 * this.#pace);
  }

  /**
   * The moderator's turns in a sala: a few members raise a hand, the moderator gives the floor
   * to each in order, times the first turn, and takes the floor back at the end. Returns the
   * turns given (none in a sala without a moderator or anyone else to speak).
   */
  async #turns(activity: BreakoutActivity, room: Room): Promise<number> {
    const { moderator } = room;
    const speakers = room.members.filter((p) => p !== moderator).slice(0, 3);
    if (!moderator || speakers.length === 0) return 0;
    const ref = { activityId: activity.id, salaId: room.salaId };
    await everyone(
      speakers,
      () => Math.random() * this.#pace,
      (person) => call(send(person.socket, 'hand:raise', ref), `${room.name}: participante ${person.index + 1} pide la palabra`),
    );
    const give = (participantId: string | null) =>
      call(send(moderator.socket, 'floor:give', { ...ref, participantId }), `${room.name}: el moderador(a) da la palabra`);
    // The moderator's phone shows the queue in the order the hands went up.
    const seen = await call(send(moderator.socket, 'session:sync', {}), `${room.name}: el moderador(a) mira la fila`);
    let view = seen.turns[room.salaId];
    for (let turn = 0; view && view.queue.length > 0; turn++) {
      view = await give(view.queue[0]!);
      if (turn === 0)
        view = await call(send(moderator.socket, 'turn:timer', { ...ref, action: 'start' }), `${room.name}: el moderador(a) mide el turno`);
      await sleep(this.#pace);
    }
    view = await give(null);
    return view.turns;
  }

  /** The secretary's notes during the conversation: the first drafts of the sala's synthesis. */
  async #takeNotes(activity: BreakoutActivity, room: Room): Promise<void> {
    const notebook = this.#notebook(activity, room);
    if (!notebook) return;
    for (const content of notebook.drafts.splice(0, NOTES_DURING_CONVERSATION)) {
      await sleep(this.#pace + Math.random() * 2 * this.#pace);
      const view = await call(
        send(room.secretary.socket, 'synthesis:save', {
          activityId: notebook.synthesisId,
          salaId: room.salaId,
          baseVersion: notebook.version,
          clientSaveId: nanoid(),
          content,
        }),
        `${room.name}: el secretario(a) toma notas durante la conversación`,
      );
      notebook.version = view.salas.find((s) => s.salaId === room.salaId)?.version ?? notebook.version;
    }
  }

  /**
   * A sala's notebook: the synthesis its salas write (the first after the breakout), the
   * successive drafts of its text, and the version last saved. Made once per sala.
   */
  #notebook(breakout: BreakoutActivity, room: Pick<Room, 'salaId' | 'index'>): Notebook | null {
    const known = this.#notebooks.get(room.salaId);
    if (known) return known;
    const synthesis = synthesesOf(this.#agenda, breakout.id)[0];
    if (!synthesis) return null;
    const supportIds = new Set(breakout.questions.flatMap((q) => (q.supportOptions ?? []).map((o) => o.id)));
    const support = say.supportKinds(room.index).filter((id) => supportIds.has(id));
    const drafts = typing(
      fieldKeys(breakout).map((key) => [key, say.fieldText(key, room.index)] as const),
      support,
      NOTES_DURING_CONVERSATION + randomInt(3, 4),
    );
    const notebook: Notebook = { synthesisId: synthesis.id, drafts, version: 0 };
    this.#notebooks.set(room.salaId, notebook);
    return notebook;
  }

  /** The moderator (or, without one, the secretary) calls the facilitator, who sees it and acknowledges it. */
  async #callFacilitator(activity: BreakoutActivity, room: Room): Promise<void> {
    const ref = { activityId: activity.id, salaId: room.salaId };
    const caller = room.moderator ?? room.secretary;
    const called = await call(send(caller.socket, 'facilitator:call', ref), `${room.name}: llamar a quien facilita`);
    if (called.call === null) throw new DemoError(`${room.name}: la llamada a quien facilita no quedó registrada.`);
    this.#log(`${room.name} llama a quien facilita.`);
    await sleep(2 * this.#pace);
    const seen = await call(send(this.#facilitator, 'facilitator:acknowledge', ref), 'Quien facilita responde la llamada');
    if (seen.call !== null) throw new DemoError(`${room.name}: la llamada seguía en espera después de responderla.`);
    this.#log(`Quien facilita responde la llamada de ${room.name}.`);
  }

  async #synthesis(activity: SynthesisActivity, agenda: readonly Activity[]): Promise<void> {
    await call(
      send(this.#facilitator, 'synthesis:timer', { activityId: activity.id, action: 'start' }),
      'Abrir la escritura de las síntesis',
    );
    const started = await call(send(this.#facilitator, 'session:sync', {}), 'Leer las salas');
    const synthesis = started.syntheses[activity.id];
    const breakout = agenda.find((a): a is BreakoutActivity => a.kind === 'breakout' && a.id === synthesis?.breakoutActivityId);
    const salas = breakout ? started.breakouts[breakout.id]?.salas : undefined;
    if (!breakout || !salas) throw new DemoError(`«${activity.title}» no tiene salas formadas antes en la agenda.`);
    const keys = fieldKeys(breakout);

    // Finish and submit: each secretary goes on from the notes taken during the conversation.
    await everyone(
      salas,
      () => Math.random() * this.#pace,
      async (sala, salaIndex) => {
        const secretaryId = sala.roles.secretary;
        const secretary = secretaryId ? this.#byId.get(secretaryId) : undefined;
        if (!secretary) throw new DemoError(`${sala.name} no tiene secretario(a).`);
        const drafts = this.#notebook(breakout, { salaId: sala.id, index: salaIndex })?.drafts ?? [];
        let version = synthesis?.salas.find((s) => s.salaId === sala.id)?.version ?? 0;
        const context = `${sala.name}: el secretario(a) termina la síntesis`;
        for (const content of drafts.splice(0)) {
          // The phone's autosave waits for a pause in the typing.
          await sleep(this.#pace + Math.random() * 2 * this.#pace);
          const view = await call(
            send(secretary.socket, 'synthesis:save', {
              activityId: activity.id,
              salaId: sala.id,
              baseVersion: version,
              clientSaveId: nanoid(),
              content,
            }),
            context,
          );
          version = view.salas.find((s) => s.salaId === sala.id)?.version ?? version;
        }
        await sleep(this.#pace);
        await call(
          send(secretary.socket, 'synthesis:submit', { activityId: activity.id, salaId: sala.id, version }),
          `${sala.name}: el secretario(a) envía la síntesis`,
        );
      },
    );
    this.#log(`Síntesis enviadas: ${salas.length}.`);
    const told = await tellExperiences(
      activity.id,
      salas.flatMap((sala) => {
        const secretary = sala.roles.secretary ? this.#byId.get(sala.roles.secretary) : undefined;
        if (!secretary) return [];
        const save = (payload: ExperienceSavePayload) =>
          call(send(secretary.socket, 'experience:save', payload), `${sala.name}: una experiencia`);
        return [{ salaId: sala.id, agency: null, save }];
      }),
    );
    this.#log(`Experiencias de las salas: ${told}.`);

    // The plenary: the facilitator steps through a couple of questions, ending on the first.
    await sleep(this.#pace);
    for (const fieldKey of [keys[1], keys[0]]) {
      if (fieldKey === undefined) continue;
      await call(
        send(this.#facilitator, 'plenary:focus', { activityId: activity.id, fieldKey, spotlightSalaId: null }),
        'Plenario: mostrar una pregunta',
      );
      await sleep(2 * this.#pace);
    }
  }

  #person(participantId: string): Participant {
    const person = this.#byId.get(participantId);
    if (!person) throw new DemoError(`El servidor puso en una sala a alguien que esta demo no conectó (${participantId}).`);
    return person;
  }
}

/**
 * Successive autosaves of a synthesis being typed field by field: each draft holds a little
 * more of the text (cut at a word), the last one all of it and the ticked support kinds.
 */
function typing(fields: ReadonlyArray<readonly [string, string]>, support: readonly string[], saves: number): SynthesisContent[] {
  const total = fields.reduce((sum, [, text]) => sum + text.length, 0);
  return Array.from({ length: saves }, (_, s) => {
    const last = s === saves - 1;
    let budget = last ? total : Math.round(((s + 1) / saves) * total);
    const draft: SynthesisContent = { fields: {}, support: last ? [...support] : [] };
    for (const [key, text] of fields) {
      if (budget <= 0) break;
      const typed = cutAtWord(text, budget);
      if (typed) draft.fields[key] = typed;
      budget -= text.length;
    }
    return draft;
  });
}

// ---------- entry ----------

function closeAll(): void {
  finishing = true;
  for (const socket of sockets) socket.close();
  sockets.clear();
}

function abort(error: unknown): never {
  const message = error instanceof DemoError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`\nEl ensayo se detuvo: ${message}`);
  closeAll();
  process.exit(1);
}

function summary(session: CreatedSession, snapshot: SessionSnapshot, participants: number, comments: number, elapsedMs: number): string {
  const salas = Object.values(snapshot.breakouts).reduce((n, b) => n + b.salas.length, 0);
  const submitted = Object.values(snapshot.syntheses).reduce((n, s) => n + s.salas.filter((x) => x.submittedAt !== null).length, 0);
  const seconds = (elapsedMs / 1000).toLocaleString('es-CL', { maximumFractionDigits: 1 });
  return [
    '',
    `Ensayo listo en ${seconds} s: ${participants} participantes, ${salas} salas, ${submitted} síntesis enviadas, ${comments} comentarios de quien facilita.`,
    '',
    `  Sesión:                     ${snapshot.session.title}`,
    `  Código:                     ${formatJoinCode(session.code)}`,
    `  Enlace para participantes:  ${session.joinUrl}`,
    `  Panel de facilitación:      ${session.facilitatorUrl}`,
    `  Pantalla de presentación:   ${session.presenterUrl}`,
    '',
    'La sesión queda abierta, en la lámina de cierre: en el panel se puede volver a cualquier',
    'actividad. Los enlaces de facilitación y presentación llevan la clave de la sesión:',
    'no los compartas con participantes. Cierra la sesión desde el panel al terminar.',
  ].join('\n');
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const log = options.json ? () => {} : (line: string) => console.error(line);
  // However the server behaves, the demo ends: a generous bound on the whole run.
  const budgetMs = (60_000 + options.participants * 500 + options.paceMs * 120) * (options.nextSession ? 2 : 1);
  setTimeout(() => abort(new DemoError(`no terminó en ${Math.round(budgetMs / 1000)} s.`)), budgetMs).unref();

  const started = Date.now();
  log(`Ensayo de «${options.agenda?.title ?? TEMPLATE}» en ${options.url} con ${options.participants} participantes…`);
  const commitments = new CommitmentPlayer(call, log);
  const seriesId = options.nextSession ? await createSeries(options) : null;
  let played = await new Rehearsal(options, log, commitments, { seriesId, previousSessionId: null }).run();
  const workspaceToken = await signIn(options);
  await followUpSupport(options.url, workspaceToken, played.session.id, log);
  await catalogueCards(options.url, workspaceToken, played.session.id, log);
  if (options.nextSession) {
    closeAll();
    log(`Sesión siguiente de la serie: ${commitments.written} compromisos por retomar.`);
    played = await new Rehearsal(options, log, commitments, { seriesId, previousSessionId: played.session.id }).run();
  }
  const { session, snapshot, comments } = played;
  closeAll();
  if (options.json) console.log(JSON.stringify(session));
  else console.log(summary(session, snapshot, options.participants, comments, Date.now() - started));
}

main().catch(abort);
