import { ApiError, describeError } from "../shared/api-error";
import { t } from "../shared/i18n";

/**
 * What an officer is told when an action fails. A 409 names who acknowledged first (the problem's
 * `acknowledgedBy`): exactly one officer owns an alert, and the other must know who.
 */
export function actionErrorText(error: unknown): string {
  if (error instanceof ApiError && error.status === 409) {
    const name = typeof error.problem.acknowledgedBy === "string" ? error.problem.acknowledgedBy : "?";
    return t("console.conflict", { name });
  }
  return describeError(error);
}

/** The same for one item of a bulk acknowledge, which reports a status and an error text per id. */
export function bulkErrorText(status: number, error: string | null, acknowledgedBy: string | null): string {
  if (status === 409) return t("console.conflict", { name: acknowledgedBy ?? "?" });
  if (status === 403) return t("error.forbidden");
  return error ?? t("error.status", { status });
}
