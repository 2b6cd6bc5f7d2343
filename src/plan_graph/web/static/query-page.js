// plan-graph's query page: YASGUI on this server's endpoint, with the saved queries as examples.
// ?run=NAME opens that saved query and runs it.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("config").textContent);
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    yasqe: { value: config.prologue + "SELECT * WHERE {\n  ?s ?p ?o\n} LIMIT 10\n" }
  });
  function open(name, run) {
    var example = config.examples.find(function (e) { return e.name === name; });
    if (!example) { return; }
    var tab = yasgui.getTab();
    tab.setQuery(example.query);
    if (run) { tab.query(); }
  }
  document.querySelectorAll("a[data-example]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      open(link.getAttribute("data-example"), false);
    });
  });
  if (config.run) { open(config.run, true); }

  // YASGUI leaves some of its controls without a name a screen reader can read: named here, and again when it
  // makes new ones (a new tab)
  var names = { ".autocomplete": "SPARQL endpoint", "textarea": "SPARQL query", ".tab input": "Tab name",
                ".tableSizer": "Rows per page" };
  function name() {
    Object.keys(names).forEach(function (selector) {
      document.querySelectorAll("#yasgui " + selector).forEach(function (element) {
        if (!element.hasAttribute("aria-label")) { element.setAttribute("aria-label", names[selector]); }
      });
    });
    // a tab list holds tabs only: the "add a tab" button goes just after it
    document.querySelectorAll("#yasgui .tabsList > div > .addTab").forEach(function (button) {
      var list = button.parentElement.parentElement;
      list.parentElement.insertBefore(button.parentElement, list.nextSibling);
    });
    // the editor's scrolling area, reachable from the keyboard
    document.querySelectorAll("#yasgui .CodeMirror-scroll").forEach(function (element) {
      if (element.getAttribute("tabindex") !== "0") { element.setAttribute("tabindex", "0"); }
    });
  }
  name();
  new MutationObserver(name).observe(document.getElementById("yasgui"), { childList: true, subtree: true });
})();
