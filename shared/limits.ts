/** Limits shared by client forms and server schemas, so both refuse the same input. */
export const LIMITS = {
  /** Join codes are six digits, shown grouped as "482 913". */
  joinCodeLength: 6,
  sessionTitleMax: 120,
  agencyNameMax: 120,
  agenciesMax: 40,
  /** Longest retention period an administrator can set: ten years. */
  retentionDaysMax: 3650,
  displayNameMax: 40,
  activityTitleMax: 300,
  activityBodyMax: 600,
  /** An activity's presenter notes. */
  activityNotesMax: 2000,
  /** The facilitator's comments and analysis of one activity. */
  facilitatorCommentMax: 5000,
  bulletTextMax: 300,
  bulletsMax: 12,
  optionLabelMax: 120,
  optionsMin: 2,
  optionsMax: 10,
  ratingItemsMin: 1,
  ratingItemsMax: 10,
  openTextMax: 500,
  openAnswersPerPersonMax: 10,
  /** Open answers listed on screens, newest first; the cloud counts them all. */
  openAnswersListed: 200,
  cloudWords: 60,
  ratingMin: 1,
  ratingMax: 5,
  /** Items a ranking orders, and a points question splits its budget across. */
  rankingItemsMin: 2,
  rankingItemsMax: 10,
  pointsItemsMin: 2,
  pointsItemsMax: 10,
  /** A points question's budget: 100 unless the facilitator says otherwise, at most 1000. */
  pointsBudgetDefault: 100,
  pointsBudgetMax: 1000,
  activitiesMax: 60,
  salasMax: 50,
  salaSizeMax: 100,
  salaNameMax: 60,
  videoUrlMax: 500,
  guideQuestionsMax: 10,
  broadcastMax: 200,
  /**
   * Fewest respondents for a figure about a group smaller than the room (a sala, an agency):
   * below it, people could be re-identified on a well-being topic, so nothing is shown.
   */
  smallGroupMin: 5,
  /** One field of a sala's synthesis. */
  synthesisFieldMax: 1500,
  /** Saves of a synthesis per sala per 10 seconds (autosave is debounced well below this). */
  synthesisSavesPer10Seconds: 40,
  /** Longest discussion or countdown, and most time added at once: 4 hours. */
  phaseSecondsMax: 4 * 60 * 60,
  /** Ids are nanoid-like: url-safe and short. */
  idMax: 64,
  tokenMax: 128,
  /** Biggest Socket.IO message the server accepts, in bytes. */
  socketMessageBytes: 32 * 1024,
  /** Biggest HTTP body the server accepts, in bytes. */
  httpBodyBytes: 256 * 1024,
  /** Join attempts per participant token (or per connection without one) per minute. */
  joinsPerMinute: 10,
  /**
   * Join codes that open no session ("misses"), the only way to guess a code (docs/protocol.md,
   * "Guessing a join code", says what these numbers mean for an attacker). After this many
   * misses a connection is refused further tries and closed.
   */
  joinMissesPerConnection: 3,
  /** Misses per client address: this many at once, refilled evenly over an hour. */
  joinMissesPerAddressPerHour: 30,
  /** Misses of every address together: a burst this big (a large room's typos) … */
  joinMissesBurst: 1000,
  /** … refilled at this many an hour: the brake that keeps many addresses from covering the codes. */
  joinMissesPerHour: 120,
  /** Answer submissions per participant per 10 seconds (changing one's mind is allowed, floods are not). */
  answersPer10Seconds: 30,
  /** Hands raised or lowered per participant per minute (a hand up and down is two). */
  handTogglesPerMinute: 12,
  /** A moderator's floor and turn-timer changes per minute. */
  floorChangesPerMinute: 60,
  /** Calls to the facilitator per participant per 10 minutes (a call already waiting counts too). */
  facilitatorCallsPer10Minutes: 4,
  /** Length of a turn's countdown the moderator may start: 15 seconds to 10 minutes. */
  turnSecondsMin: 15,
  turnSecondsMax: 600,
} as const;

/** How often the server may publish an aggregate of one session, at most (leading edge + trailing). */
export const PUBLISH_INTERVAL_MS = 100;
