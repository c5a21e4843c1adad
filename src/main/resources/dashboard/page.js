// What every view's script uses: loaded first.
'use strict';
const $ = (id) => document.getElementById(id);
// Against the origin: a page opened as https://user:password@host/ cannot fetch relative addresses.
const at = (path) => location.origin + path;

/** A new cell at the end of the row, with this text and class. */
function cell(tr, text, cls) {
  const td = document.createElement('td');
  if (cls) td.className = cls;
  td.textContent = text;
  tr.appendChild(td);
  return td;
}
