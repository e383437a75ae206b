// Progressive enhancement only: every page works without this file.
// Both vendor bundles are ES modules; initAll finds each component by its data-module.
import { initAll as initGovukFrontend } from "/assets/govuk/govuk-frontend.min.js";
import { initAll as initMojFrontend } from "/assets/moj/moj-frontend.min.js";

import { initTimeoutWarning } from "./timeout-warning.mjs";

// The page template's inline snippet sets these first; if a Content Security Policy
// ever blocks that snippet, GOV.UK Frontend would refuse to start without them. Only
// browsers that run modules get here, which is what "supported" means.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

initGovukFrontend();
initMojFrontend();
initTimeoutWarning(document.querySelector('[data-module="crc-timeout-warning"]'));
