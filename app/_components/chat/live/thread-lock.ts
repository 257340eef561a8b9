// Whatever changes the thread holds the lock, so one reply streams at a time and versions cannot switch under it.
// A ref rather than state: requests check it synchronously, before React has rendered anything.
export type ThreadLock = {
  activity: "streaming" | "switching";
  controller: AbortController;
  isStopRequested: boolean;
};

// `count` grows with every lock, so that work started under an older one can tell it is out of date.
export type ThreadLockState = { held: ThreadLock | null; count: number };

/** The lock, or null when something else holds it already. */
export function takeLock(state: { current: ThreadLockState }, activity: ThreadLock["activity"]): ThreadLock | null {
  if (state.current.held) return null;
  const taken: ThreadLock = { activity, controller: new AbortController(), isStopRequested: false };
  state.current = { held: taken, count: state.current.count + 1 };
  return taken;
}

/** False when `lock` was not the one held (released already). */
export function releaseLock(state: { current: ThreadLockState }, lock: ThreadLock): boolean {
  if (state.current.held !== lock) return false;
  state.current = { ...state.current, held: null };
  return true;
}
