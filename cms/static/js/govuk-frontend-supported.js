/*
 * The first thing in <body>, as a classic (blocking) script, so GOV.UK Frontend's styles
 * for enhanced components apply before the first paint. GOV.UK's page template does this
 * with an inline script; the Content-Security-Policy allows none, so it lives here.
 */
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
