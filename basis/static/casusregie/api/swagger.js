// What Swagger UI's markup lacks and its configuration cannot add (axe): a name for its list of
// servers (select-name), and a landmark for the two blocks above its own <main> (region). Applied
// whenever Swagger UI (re)draws them.
(function () {
  var namen = [
    ["#servers", "aria-label", "Server"],
    [".information-container", "role", "region"],
    [".information-container", "aria-label", "Over deze API"],
    [".schemes-server-container", "role", "region"],
    [".schemes-server-container", "aria-label", "Server en inloggen"],
  ];
  function benoem() {
    namen.forEach(function (n) {
      var el = document.querySelector(n[0]);
      if (el && el.getAttribute(n[1]) !== n[2]) {
        el.setAttribute(n[1], n[2]);
      }
    });
  }
  new MutationObserver(benoem).observe(document.documentElement, { childList: true, subtree: true });
  benoem();
})();
