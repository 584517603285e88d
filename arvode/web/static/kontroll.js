/* arvode serve: small conveniences on the check page. The page works without this file:
   every button also submits the form and the server answers with the changed page. */
"use strict";
(function () {
  /* "Lägg till händelse" (and the other add buttons): a new row from the row template, no round trip. */
  document.querySelectorAll("button[data-add]").forEach(function (button) {
    var id = button.getAttribute("data-add");
    var template = document.getElementById(id + "-mall");
    var rows = document.getElementById(id + "-rader");
    if (!template || !rows) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var index = rows.querySelectorAll(":scope > fieldset.row").length;
      var html = template.innerHTML.split("__i__").join(String(index)).split("__n__").join(String(index + 1));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      rows.appendChild(row);
      var details = rows.closest("details");
      if (details) { details.open = true; }
      var first = row.querySelector("input, select");
      if (first) { first.focus(); }
    });
  });

  /* After a calculation, move the focus to the result (or the list of errors). */
  var result = document.getElementById("resultat");
  if (result && window.location.hash === "#resultat") { result.focus(); }

  /* A print button for the result: printing needs a script, so the button comes with it. */
  if (result && result.querySelector("table.lines")) {
    var print = document.createElement("button");
    print.type = "button";
    print.className = "secondary no-print";
    print.textContent = "Skriv ut resultatet";
    print.addEventListener("click", function () { window.print(); });
    result.appendChild(print);
  }
})();
