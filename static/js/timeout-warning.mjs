// Idle-session warning (the MOJ/HMRC timeout pattern) on a native <dialog>.
//
// The server is the source of truth: the session ends SESSION_COOKIE_AGE seconds after
// the last request, with or without this script. This only warns before that happens,
// lets the person extend the session, and signs them out cleanly when it runs out.
//
// Several tabs share one session, so the time of the last request is kept in
// localStorage: activity in one tab keeps the others from warning or signing out.

const STORAGE_KEY = "crc-session-last-activity";

function now() {
  return Date.now();
}

function readLastActivity(fallback) {
  try {
    const stored = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(stored) && stored > fallback ? stored : fallback;
  } catch {
    // Storage can be disabled; then each tab only knows its own activity.
    return fallback;
  }
}

function recordActivity(time) {
  try {
    window.localStorage.setItem(STORAGE_KEY, String(time));
  } catch {
    // See readLastActivity.
  }
}

function describe(secondsLeft) {
  if (secondsLeft >= 60) {
    const minutes = Math.ceil(secondsLeft / 60);
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  // Round to 5 seconds so a screen reader is not told about every tick.
  const seconds = Math.max(5, Math.ceil(secondsLeft / 5) * 5);
  return `${seconds} seconds`;
}

export function initTimeoutWarning(dialog) {
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  const timeoutMs = Number(dialog.dataset.timeoutSeconds) * 1000;
  const warningMs = Number(dialog.dataset.warningSeconds) * 1000;
  const keepAliveUrl = dialog.dataset.keepAliveUrl;
  const countdown = dialog.querySelector("[data-timeout-countdown]");
  const stayButton = dialog.querySelector("[data-timeout-stay]");
  const signOutForm = dialog.querySelector("form[data-timeout-sign-out]");
  if (!timeoutMs || !warningMs || !countdown || !stayButton || !signOutForm) {
    return;
  }

  let lastActivity = now();
  recordActivity(lastActivity);
  let timer = null;
  let announced = "";

  function signOut() {
    window.clearInterval(timer);
    // Tells the sign-in page to say why, rather than "You have signed out".
    const reason = document.createElement("input");
    reason.type = "hidden";
    reason.name = "reason";
    reason.value = "timeout";
    signOutForm.append(reason);
    signOutForm.submit();
  }

  function tick() {
    lastActivity = readLastActivity(lastActivity);
    const msLeft = lastActivity + timeoutMs - now();
    if (msLeft <= 0) {
      signOut();
      return;
    }
    if (msLeft > warningMs) {
      if (dialog.open) {
        dialog.close();
      }
      return;
    }
    const text = describe(Math.ceil(msLeft / 1000));
    if (text !== announced) {
      announced = text;
      countdown.textContent = text;
    }
    if (!dialog.open) {
      dialog.showModal();
      stayButton.focus();
    }
  }

  async function stay() {
    dialog.close();
    announced = "";
    try {
      // Any signed-in request refreshes the session (SESSION_SAVE_EVERY_REQUEST).
      const response = await fetch(keepAliveUrl, {
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
        redirect: "manual",
      });
      if (!response.ok) {
        // Already expired on the server (a redirect to sign in is opaque here).
        signOut();
        return;
      }
    } catch {
      // The network is down: keep counting; the next request will tell.
    }
    lastActivity = now();
    recordActivity(lastActivity);
  }

  stayButton.addEventListener("click", stay);
  // Escape closes a modal dialog; treat it as "stay signed in", not as doing nothing.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    stay();
  });
  timer = window.setInterval(tick, 1000);
}
