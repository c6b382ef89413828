import "../styles/base.css";
import "../styles/login.css";
import { ApiError, describeError, readProblem } from "../shared/api-error";
import type { LoginRequest, LoginResponse, PasswordChangeRequest } from "../shared/contract";
import { byId } from "../shared/dom";
import { applyStaticText, language, onLanguageChange, setLanguage, t } from "../shared/i18n";
import { safeNext } from "../shared/login-redirect";
import { saveSession } from "../shared/session";

const form = byId<HTMLFormElement>("login-form");
const userName = byId<HTMLInputElement>("userName");
const password = byId<HTMLInputElement>("password");
const remember = byId<HTMLInputElement>("remember");
const errorBox = byId<HTMLParagraphElement>("login-error");
const change = byId<HTMLFieldSetElement>("password-change");
const newPassword = byId<HTMLInputElement>("newPassword");
const confirmPassword = byId<HTMLInputElement>("confirmPassword");
const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
const params = new URLSearchParams(location.search);

// The last message, kept as a key where it is ours so the language toggle can redraw it.
type MessageKey = "login.failed" | "login.sessionEnded" | "login.mustChange" | "login.mismatch";
let message: { key: MessageKey } | { text: string } | null =
  params.get("expired") === "1" ? { key: "login.sessionEnded" } : null;

function renderMessage(): void {
  errorBox.hidden = message === null;
  errorBox.textContent = message === null ? "" : "key" in message ? t(message.key) : message.text;
}

// Set once the server answered that this password is right but must be replaced (the first administrator's).
let changingPassword = false;

function showPasswordChange(): void {
  changingPassword = true;
  change.hidden = false;
  change.disabled = false;
  userName.readOnly = true;
  password.readOnly = true;
  message = { key: "login.mustChange" };
  newPassword.focus();
}

function submitLabel(): string {
  return t(changingPassword ? "login.submitChange" : "login.submit");
}

async function post(path: string, request: LoginRequest | PasswordChangeRequest): Promise<LoginResponse> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(request),
      cache: "no-store",
    });
  } catch (error) {
    throw ApiError.network(error);
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  return (await response.json()) as LoginResponse;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void (async () => {
    if (submit) {
      submit.disabled = true;
      submit.textContent = t("login.submitting");
    }
    try {
      if (changingPassword && newPassword.value !== confirmPassword.value) {
        message = { key: "login.mismatch" };
        renderMessage();
        confirmPassword.focus();
        return;
      }
      const login = changingPassword
        ? await post("/api/v1/auth/password", {
          userName: userName.value.trim(), currentPassword: password.value, newPassword: newPassword.value,
        })
        : await post("/api/v1/auth/login", { userName: userName.value.trim(), password: password.value });
      saveSession(login, remember.checked);
      location.replace(safeNext(params.get("next")));
    } catch (error) {
      if (error instanceof ApiError && error.status === 403 && error.problem.passwordChangeRequired === true) {
        showPasswordChange();
        renderMessage();
        return;
      }
      message = error instanceof ApiError && error.status === 401
        ? (error.problem.detail ? { text: error.problem.detail } : { key: "login.failed" })
        : { text: describeError(error) };
      renderMessage();
      if (changingPassword && error instanceof ApiError && error.status === 400) {
        newPassword.focus();
      } else {
        password.value = "";
        password.focus();
      }
    } finally {
      if (submit) {
        submit.disabled = false;
        submit.textContent = submitLabel();
      }
    }
  })();
});

document.querySelector('[data-action="toggle-language"]')?.addEventListener("click", () => {
  setLanguage(language() === "zh" ? "en" : "zh");
});
onLanguageChange(() => {
  renderMessage();
  if (submit) submit.textContent = submitLabel();
});
applyStaticText(document);
renderMessage();
userName.focus();
