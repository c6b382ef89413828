import type { ProblemDetails } from "./contract";
import { t } from "./i18n";

/** A failed API call: the HTTP status and the server's problem details, if it sent any. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /** Status 0 stands for "no answer at all" (network down, server gone). */
  static network(cause: unknown): ApiError {
    const error = new ApiError(0, { title: "Network error", detail: cause instanceof Error ? cause.message : String(cause) });
    return error;
  }
}

/** What to tell a person about a failed call, in the current language. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.network");
  if (error.status === 0) return t("error.network");
  if (error.status === 403) return t("error.forbidden");
  return error.problem.detail ?? error.problem.title ?? t("error.status", { status: error.status });
}

export async function readProblem(response: Response): Promise<ProblemDetails> {
  const type = response.headers.get("Content-Type") ?? "";
  if (type.includes("json")) {
    try {
      const body: unknown = await response.json();
      if (body && typeof body === "object") return body as ProblemDetails;
    } catch {
      // A broken body still leaves the status to report.
    }
  }
  return { status: response.status, title: response.statusText };
}
