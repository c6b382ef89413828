import type { LoginResponse, Role } from "./contract";

// The signed-in user as the login answer described them. The token lives in sessionStorage (this tab
// only) unless the user asked to be remembered, then in localStorage (this browser, until it expires).
export interface Session {
  accessToken: string;
  expiresAt: string;
  userName: string;
  role: Role;
  districts: string[];
}

const storageKey = "riskengine.session";
// Treat a token as gone a little early, so a request never leaves with one that expires in flight.
const expirySkewMs = 30_000;

function stores(): Storage[] {
  const found: Storage[] = [];
  try {
    found.push(sessionStorage, localStorage);
  } catch {
    // Storage disabled: nobody can stay signed in, and every page will send the user to login.
  }
  return found;
}

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.accessToken !== "string" || typeof value.expiresAt !== "string") return null;
    return {
      accessToken: value.accessToken,
      expiresAt: value.expiresAt,
      userName: typeof value.userName === "string" ? value.userName : "",
      role: value.role ?? "viewer",
      districts: Array.isArray(value.districts) ? value.districts.filter((d): d is string => typeof d === "string") : [],
    };
  } catch {
    return null;
  }
}

export function millisecondsLeft(session: Session): number {
  const expires = Date.parse(session.expiresAt);
  return Number.isNaN(expires) ? 0 : expires - Date.now() - expirySkewMs;
}

// Set when an expired session was found and dropped, so the login page can say why it is shown.
let droppedExpired = false;

/** The current session if its token has not expired; an expired one is removed. */
export function loadSession(): Session | null {
  for (const store of stores()) {
    const session = parse(store.getItem(storageKey));
    if (!session) continue;
    if (millisecondsLeft(session) > 0) return session;
    store.removeItem(storageKey);
    droppedExpired = true;
  }
  return null;
}

/** Whether this page found a session that had run out (rather than none at all). */
export function hadSession(): boolean {
  return droppedExpired;
}

export function saveSession(login: LoginResponse, remember: boolean): Session {
  const session: Session = {
    accessToken: login.accessToken,
    expiresAt: login.expiresAt,
    userName: login.userName,
    role: login.role,
    districts: login.districts ?? [],
  };
  clearSession();
  const store = remember ? localStorage : sessionStorage;
  store.setItem(storageKey, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  for (const store of stores()) store.removeItem(storageKey);
}

/** Whole-city users have no district list; everyone else is limited to theirs. */
export function isWholeCity(session: Session): boolean {
  return session.districts.length === 0;
}

export function canAct(session: Session): boolean {
  return session.role !== "viewer";
}
