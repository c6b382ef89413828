import { ApiError, readProblem } from "./api-error";
import { goToLogin } from "./login-redirect";
import { loadSession } from "./session";

export interface RequestOptions {
  method?: "GET" | "POST";
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the RiskEngine API as the signed-in user. A 401 (token expired, revoked, or the server's
 * signing key changed) sends the user to the login page; other failures throw ApiError.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const session = loadSession();
  if (!session) {
    goToLogin("expired");
    throw new ApiError(401, { title: "Not signed in" });
  }
  const headers: Record<string, string> = {
    Accept: "application/json",
    Authorization: `Bearer ${session.accessToken}`,
  };
  const init: RequestInit = { method: options.method ?? "GET", headers, cache: "no-store" };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw ApiError.network(error);
  }
  if (response.status === 401) {
    goToLogin("expired");
    throw new ApiError(401, await readProblem(response));
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
