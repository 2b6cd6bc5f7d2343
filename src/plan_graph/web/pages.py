"""The HTML pages of the server: a page per resource, the query page, results as a table, errors.

Everything that comes from data or from a request is escaped (html.escape) before it is written.
"""

from __future__ import annotations

import json
from html import escape

import pyoxigraph as ox

from plan_graph.graph.names import MINTED_ROOT, curie
from plan_graph.stores.results import AskResult, SelectResult, Term
from plan_graph.web.linked_data import Addresses, Description, LinkedData

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 1.5rem auto; padding: 0 1rem; color: #222; }
header.site { display: flex; gap: 1.5rem; align-items: baseline; border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
header.site a { text-decoration: none; } h1 { margin: .3rem 0; font-size: 1.5rem; }
.en { color: #555; font-size: 1.1rem; } .iri { font-family: monospace; font-size: .85rem; color: #555; }
table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #e3e3e3; padding: .3rem .5rem;
  vertical-align: top; text-align: left; } th { background: #f3f5f8; }
.lang { font-size: .7rem; font-weight: bold; color: #fff; background: #4a7ab5; border-radius: 3px; padding: 0 .3rem; }
blockquote.printed { font-family: Georgia, serif; background: #fbf8f1; border-left: 4px solid #b5834a;
  margin: 1rem 0; padding: .5rem 1rem; white-space: pre-wrap; }
nav.formats a { margin-right: .8rem; } textarea { width: 100%; font-family: monospace; }
"""


def layout(title: str, body: str, addresses: Addresses, head: str = "") -> str:
    base = escape(addresses.public_base)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="ro"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style>{head}</head><body>"
        f'<header class="site"><strong><a href="{base}">plan-graph</a></strong>'
        f'<a href="{base}ro/hg-861-2018">HG 861/2018</a><a href="{base}query">SPARQL</a>'
        f'<a href="{base}ontology">ontology</a></header>'
        f"{body}</body></html>\n"
    )


def _link(iri: str, text: str, addresses: Addresses) -> str:
    """A link to an IRI, or its text alone when its scheme is not one a page may link (see Addresses.href)."""
    href = addresses.href(iri)
    return f'<a href="{escape(href)}">{text}</a>' if href else f'<span class="iri">{text}</span>'


def _value_html(value: Term, addresses: Addresses, data: LinkedData) -> str:
    if isinstance(value, ox.NamedNode):
        label = data.label(value.value) if value.value.startswith(MINTED_ROOT) else None
        text = escape(label) if label else escape(curie(value.value))
        return _link(value.value, text, addresses)
    if isinstance(value, ox.BlankNode):
        return f"<span class=iri>_:{escape(value.value)}</span>"
    if not isinstance(value, ox.Literal):
        return f"<span class=iri>{escape(str(value))}</span>"
    badge = f' <span class="lang">{escape(value.language)}</span>' if value.language else ""
    datatype = value.datatype.value
    shown = not value.language and not datatype.endswith("#string")
    return f"{escape(value.value)}{badge}" + (f' <span class="iri">{escape(curie(datatype))}</span>' if shown else "")


def resource_page(description: Description, data: LinkedData, addresses: Addresses) -> str:
    labels = data.labels(description.iri)
    title = labels.get("ro") or labels.get("") or labels.get("en") or curie(description.iri)
    english = labels.get("en") if labels.get("en") != title else None
    types = ", ".join(_value_html(ox.NamedNode(t), addresses, data) for t in data.types(description.iri))
    parts = [f"<h1>{escape(title)}</h1>"]
    if english:
        parts.append(f'<div class="en" lang="en">{escape(english)}</div>')
    parts.append(f'<p class="iri">{escape(description.iri)}</p>')
    if types:
        parts.append(f"<p>{types}</p>")
    if description.source_line:
        number, text = description.source_line
        parts.append(f"<h2>As printed in the plan · Textul publicat</h2><p>line {number} of the published text</p>")
        parts.append(f'<blockquote class="printed" lang="ro">{escape(text.strip())}</blockquote>')
    href = escape(addresses.href(description.iri) or "")
    parts.append(
        '<nav class="formats">The same data as RDF: '
        f'<a href="{href}?format=turtle">Turtle</a><a href="{href}?format=jsonld">JSON-LD</a>'
        f'<a href="{href}?format=nt">N-Triples</a><a href="{href}?format=rdfxml">RDF/XML</a></nav>'
    )
    parts.append("<h2>Statements</h2><table><tr><th>property</th><th>value</th></tr>")
    for statement in description.outgoing:
        parts.append(
            f"<tr><td>{_value_html(statement.predicate, addresses, data)}</td>"
            f"<td>{_value_html(statement.value, addresses, data)}</td></tr>"
        )
    parts.append("</table>")
    if description.incoming:
        count = f"{len(description.incoming)}+" if description.more_incoming else str(len(description.incoming))
        parts.append(f"<h2>Referred to by ({count})</h2><table>")
        for subject, predicate in description.incoming:
            parts.append(
                f"<tr><td>{_value_html(subject, addresses, data)}</td>"
                f"<td>{_value_html(predicate, addresses, data)}</td></tr>"
            )
        parts.append("</table>")
        if description.more_incoming:  # counted, they could be many: the endpoint has them all
            parts.append("<p>… and more (ask the SPARQL endpoint).</p>")
    return layout(title, "".join(parts), addresses)


def message_page(status: int, title: str, message: str, addresses: Addresses) -> str:
    body = f"<h1>{status} · {escape(title)}</h1><p>{escape(message)}</p>"
    return layout(f"{status} {title}", body, addresses)


def results_page(result: SelectResult | AskResult, addresses: Addresses) -> str:
    """SELECT results as an HTML table, an ASK answer as a sentence, for `?format=html` in a browser."""
    if isinstance(result, AskResult):
        answer = "yes (true)" if result.value else "no (false)"
        return layout("SPARQL answer", f"<h1>Answer</h1><p>{answer}</p>", addresses)
    header = "".join(f"<th>{escape(name)}</th>" for name in result.variables)
    rows = []
    for row in result.rows:
        cells = []
        for name in result.variables:
            value = row.get(name)
            if value is None:
                cells.append("<td></td>")
            elif isinstance(value, ox.NamedNode):
                cells.append(f"<td>{_link(value.value, escape(value.value), addresses)}</td>")
            else:
                text = value.value if isinstance(value, (ox.Literal, ox.BlankNode)) else str(value)
                cells.append(f"<td>{escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = f"<h1>Results ({len(result.rows)})</h1><table><tr>{header}</tr>{''.join(rows)}</table>"
    return layout("SPARQL results", body, addresses)


def query_page(examples: list[dict[str, str]], addresses: Addresses, yasgui: bool, run: str | None) -> str:
    """YASGUI when its npm assets are installed; a plain form that says how to get them otherwise."""
    endpoint = addresses.endpoint
    listing = "".join(
        f'<li><a href="?run={escape(e["name"])}" data-example="{escape(e["name"])}">{escape(e["name"])}</a>: '
        f"{escape(e['title'])}</li>"
        for e in examples
    )
    if yasgui:
        # the examples travel as JSON inside a script element: "</" is escaped so no text can close it
        data = json.dumps({"endpoint": endpoint, "examples": examples, "run": run}).replace("</", "<\\/")
        head = f'<link rel="stylesheet" href="{escape(addresses.public_base)}assets/yasgui/yasgui.min.css">'
        body = (
            "<h1>SPARQL query · Interogare SPARQL</h1>"
            f"<p>Endpoint: <code>{escape(endpoint)}</code>. Examples (saved queries):</p><ul>{listing}</ul>"
            '<div id="yasgui"></div>'
            f'<script id="config" type="application/json">{data}</script>'
            f'<script src="{escape(addresses.public_base)}assets/yasgui/yasgui.min.js"></script>'
            f'<script src="{escape(addresses.public_base)}assets/query-page.js"></script>'
        )
        return layout("SPARQL query", body, addresses, head)
    first = examples[0]["query"] if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    body = (
        "<h1>SPARQL query · Interogare SPARQL</h1>"
        "<p>The interactive editor (YASGUI) is not installed: run <code>npm install</code> in the project folder "
        "to get it. Meanwhile, this form sends queries to the endpoint.</p>"
        f'<form method="get" action="{escape(endpoint)}">'
        f'<textarea name="query" rows="16">{escape(first)}</textarea>'
        '<p><label>Format <select name="format"><option>html</option><option>json</option><option>xml</option>'
        "<option>csv</option><option>tsv</option><option>turtle</option></select></label> "
        '<button type="submit">Run</button></p></form>'
        f"<h2>Examples</h2><ul>{listing}</ul>"
    )
    return layout("SPARQL query", body, addresses)


QUERY_PAGE_SCRIPT = """
// plan-graph query page: YASGUI on this server's endpoint, with the saved queries as examples
(function () {
  var config = JSON.parse(document.getElementById("config").textContent);
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null
  });
  function load(name, run) {
    var example = config.examples.find(function (e) { return e.name === name; });
    if (!example) { return; }
    var tab = yasgui.getTab();
    tab.setQuery(example.query);
    if (run) { tab.query(); }
  }
  document.querySelectorAll("a[data-example]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      load(link.getAttribute("data-example"), false);
    });
  });
  if (config.run) { load(config.run, true); }
})();
"""
