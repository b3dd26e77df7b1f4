"use strict";
// Starts Redoc on /api/v1/redoc. The nonce of this script goes to Redoc, which puts it on the style
// elements it writes, so that the Content-Security-Policy allows them without 'unsafe-inline'.
(function () {
  const houder = document.getElementById("redoc-container");
  Redoc.init(houder.dataset.schemaUrl, { nonce: document.currentScript.nonce }, houder);
})();
