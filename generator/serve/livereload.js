// Live reload for "reportsite serve" (never part of a built site): the
// server sends a "build" event naming its latest build when the page
// connects and after each rebuild; the page reloads when that is not the
// build it was served with. A server that was restarted names a build of
// its own, so pages reload once it is back.
(function () {
  "use strict";
  if (!window.EventSource) {
    return;
  }
  var build = "RELOAD_TOKEN";
  var source = null;
  var retry = null;

  function connect() {
    if (source) {
      return;
    }
    source = new EventSource("/_reportsite/events");
    source.addEventListener("build", function (event) {
      if (event.data && event.data !== build) {
        build = event.data;
        disconnect();
        window.location.reload();
      }
    });
    source.addEventListener("error", function () {
      // The browser retries by itself while the state is CONNECTING; once
      // it gives up (CLOSED), keep trying quietly until the server is back.
      if (source && source.readyState === EventSource.CLOSED) {
        disconnect();
        retry = window.setTimeout(connect, 1000);
      }
    });
  }

  function disconnect() {
    if (retry !== null) {
      window.clearTimeout(retry);
      retry = null;
    }
    if (source) {
      source.close();
      source = null;
    }
  }

  // Closing before the page goes away keeps browsers from reporting the
  // stream as interrupted; a page restored from the back-forward cache
  // connects again.
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", connect);
  connect();
})();
