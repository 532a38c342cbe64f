// The issgraph explorer: draws the graph with Cytoscape.js a step at a time,
// asking the GraphQL API (and nothing else) for what the canvas lacks.
//
// The canvas keeps one rule: it holds every relationship among the nodes
// it shows. Every node comes in through the API's expand query, which
// returns, with the nodes the canvas lacks, every relationship joining them
// to what it has; so a node's hidden neighbours are its neighbour count
// less its neighbours on the canvas, and collapsing is done here.
//
// The view's state lives in the address (after #), so a link shares it and
// a reload restores it.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('config').dataset.config);
  var kindStyle = {};
  config.kinds.forEach(function (k) {
    kindStyle[k.name] = k;
  });

  // ---- small helpers ----------------------------------------------------

  function $(id) {
    return document.getElementById(id);
  }

  // el builds an element: el('li', {className: 'x', onclick: f}, child, 'text').
  function el(tag, props) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === 'attrs') {
          Object.keys(props.attrs).forEach(function (a) {
            e.setAttribute(a, props.attrs[a]);
          });
        } else {
          e[k] = props[k];
        }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (a) {
      e.setAttribute(a, attrs[a]);
    });
    return e;
  }

  // swatch draws a kind's colour and shape, as on the canvas.
  function swatch(kind) {
    var st = kindStyle[kind] || { color: '#888', shape: 'ellipse' };
    var s = svg('svg', { width: 14, height: 14, viewBox: '0 0 14 14', class: 'swatch', 'aria-hidden': 'true' });
    var shape;
    switch (st.shape) {
      case 'rectangle':
        shape = svg('rect', { x: 1, y: 2, width: 12, height: 10 });
        break;
      case 'round-rectangle':
        shape = svg('rect', { x: 1, y: 2, width: 12, height: 10, rx: 3 });
        break;
      case 'triangle':
        shape = svg('polygon', { points: '7,1 13,13 1,13' });
        break;
      case 'diamond':
        shape = svg('polygon', { points: '7,0 14,7 7,14 0,7' });
        break;
      case 'hexagon':
        shape = svg('polygon', { points: '3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7' });
        break;
      case 'star':
        shape = svg('polygon', { points: '7,0 8.8,5 14,5 9.8,8.2 11.4,13.5 7,10.3 2.6,13.5 4.2,8.2 0,5 5.2,5' });
        break;
      default:
        shape = svg('circle', { cx: 7, cy: 7, r: 6 });
    }
    shape.setAttribute('fill', st.color);
    s.appendChild(shape);
    return s;
  }

  function kindLabel(kind) {
    return (kindStyle[kind] && kindStyle[kind].label) || kind;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function announce(text) {
    $('canvas-status').textContent = text;
  }

  // ---- the API ----------------------------------------------------------

  var pending = 0;
  function busy(delta) {
    pending += delta;
    $('busy').hidden = pending === 0;
  }

  // ApiError carries a message for people.
  function ApiError(message) {
    this.message = message;
  }

  // plain turns an API error into words for people.
  function plain(errors) {
    var e = errors[0] || {};
    var code = e.extensions && e.extensions.code;
    switch (code) {
      case 'UNAVAILABLE':
        return 'The graph store is not answering right now. Wait a moment and try again.';
      case 'BAD_USER_INPUT':
      case 'NOT_FOUND':
        return 'The server could not do that: ' + e.message;
      case 'INTERNAL':
        return 'Something went wrong on the server. Try again; if it keeps happening, tell whoever runs it.';
      default:
        return 'The server refused the request: ' + (e.message || 'no reason given') + '.';
    }
  }

  function gql(query, variables) {
    busy(1);
    return fetch(config.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query: query, variables: variables || {} }),
    })
      .then(
        function (resp) {
          return resp.text().then(function (text) {
            var body;
            try {
              body = JSON.parse(text);
            } catch (e) {
              throw new ApiError('The server answered with something that is not the API (status ' + resp.status + ').');
            }
            if (body.errors && body.errors.length) throw new ApiError(plain(body.errors));
            if (!resp.ok) throw new ApiError('The server answered with status ' + resp.status + '.');
            return body.data;
          });
        },
        function () {
          throw new ApiError('Could not reach the issgraph server. Is it still running?');
        },
      )
      .finally(function () {
        busy(-1);
      });
  }

  function showError(err) {
    var box = $('error');
    clear(box);
    box.appendChild(el('span', null, err instanceof ApiError ? err.message : 'Unexpected error: ' + err));
    box.appendChild(document.createTextNode(' '));
    box.appendChild(
      el('button', {
        type: 'button',
        textContent: 'Dismiss',
        onclick: function () {
          box.hidden = true;
        },
      }),
    );
    box.hidden = false;
    if (!(err instanceof ApiError) && window.console) console.warn(err);
  }

  function hideError() {
    $('error').hidden = true;
  }

  var SOURCE = 'sources { file section lines }';
  var DRAWN = 'id kind label shortLabel date reference type degree ' + SOURCE;
  var EXPAND =
    'query Expand($ids: [ID!]!, $exclude: [ID!], $edgeTypes: [EdgeType!], $kinds: [Kind!], $limit: Int) {' +
    ' expand(ids: $ids, exclude: $exclude, edgeTypes: $edgeTypes, kinds: $kinds, limit: $limit) {' +
    ' nodes { ' + DRAWN + ' } edges { id type source target properties ' + SOURCE + ' }' +
    ' hidden { id count } truncated } }';

  // ---- the canvas -------------------------------------------------------

  cytoscape.use(cytoscapeFcose);

  var cy = cytoscape({
    container: $('cy'),
    minZoom: 0.15,
    maxZoom: 3,
    boxSelectionEnabled: false,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': function (n) {
            return (kindStyle[n.data('kind')] || {}).color || '#888';
          },
          shape: function (n) {
            return (kindStyle[n.data('kind')] || {}).shape || 'ellipse';
          },
          width: 26,
          height: 26,
          label: 'data(display)',
          'font-size': 11,
          'text-valign': 'bottom',
          'text-margin-y': 4,
          'text-wrap': 'wrap',
          'text-max-width': 140,
          color: '#1b1f2a',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
          'text-background-padding': 1,
          'border-width': 1,
          'border-color': '#ffffff',
        },
      },
      { selector: 'node[hidden > 0]', style: { 'border-width': 3, 'border-color': '#7a869a', 'border-style': 'double' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1b2240', 'border-style': 'solid' } },
      { selector: 'node.focused', style: { 'overlay-color': '#c75100', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
      {
        selector: 'edge',
        style: {
          width: 1.5,
          'line-color': '#a7afbf',
          'target-arrow-color': '#a7afbf',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.8,
          'curve-style': 'bezier',
          label: 'data(type)',
          'font-size': 8,
          color: '#6b7385',
          'text-rotation': 'autorotate',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.9,
          'text-background-padding': 1,
          'text-opacity': 0,
        },
      },
      { selector: 'edge:selected, edge.hover', style: { 'text-opacity': 1, 'line-color': '#56607a', 'target-arrow-color': '#56607a' } },
      { selector: '.faded', style: { opacity: 0.18 } },
      { selector: 'node.on-path', style: { 'border-width': 4, 'border-color': '#d40000', 'border-style': 'solid', opacity: 1 } },
      {
        selector: 'edge.on-path',
        style: { width: 3, 'line-color': '#d40000', 'target-arrow-color': '#d40000', opacity: 1, color: '#d40000' },
      },
      { selector: 'edge.on-path.labelled', style: { 'text-opacity': 1 } },
    ],
  });

  // Per node, what the API said: total neighbours (hidden + on canvas
  // then), and which expansion brought it (for collapse).
  var total = {}; // id -> neighbour count in the whole graph
  var addedBy = {}; // id -> id of the node whose expansion added it, or '' when placed directly

  function canvasNeighbours(n) {
    var seen = {};
    n.connectedEdges().forEach(function (e) {
      var o = e.source().id() === n.id() ? e.target().id() : e.source().id();
      seen[o] = true;
    });
    return Object.keys(seen).length;
  }

  function refreshHidden(nodes) {
    nodes.forEach(function (n) {
      var t = total[n.id()];
      var hidden = t === undefined ? 0 : Math.max(0, t - canvasNeighbours(n));
      n.data('hidden', hidden);
      n.data('display', n.data('shortLabel') + (hidden > 0 ? '\n+' + hidden : ''));
    });
  }

  function updateEmpty() {
    $('empty').hidden = cy.nodes().length > 0;
  }

  function filters() {
    var types = [];
    var kinds = [];
    document.querySelectorAll('#filter-types input:checked').forEach(function (i) {
      types.push(i.value);
    });
    document.querySelectorAll('#filter-kinds input:checked').forEach(function (i) {
      kinds.push(i.value);
    });
    var limit = parseInt($('limit').value, 10);
    if (!(limit >= 1 && limit <= 1000)) limit = 50;
    return {
      edgeTypes: types.length === config.edgeTypes.length ? null : types,
      kinds: kinds.length === config.kinds.length ? null : kinds,
      limit: limit,
    };
  }

  // add asks the API what the canvas lacks around ids and draws it.
  // opts.limit 0 places the ids alone; opts.from is the node expanded.
  function add(ids, opts) {
    opts = opts || {};
    var exclude = cy.nodes().map(function (n) {
      return n.id();
    });
    var f = filters();
    var vars = { ids: ids, exclude: exclude, limit: opts.limit === undefined ? f.limit : opts.limit };
    if (opts.limit !== 0) {
      vars.edgeTypes = f.edgeTypes;
      vars.kinds = f.kinds;
    }
    hideError();
    return gql(EXPAND, vars).then(function (data) {
      var x = data.expand;
      var anchor = opts.from ? cy.getElementById(opts.from) : null;
      var centre = anchor && anchor.nonempty() ? anchor.position() : viewportCentre();
      var fresh = x.nodes.filter(function (n) {
        return cy.getElementById(n.id).empty();
      });
      var first = cy.nodes().length <= 1; // nothing placed to keep: fcose lays out all
      var taken = cy.nodes().map(function (n) {
        return n.position();
      });
      var added = cy.collection();
      fresh.forEach(function (n, i) {
        var data = {
          id: n.id,
          kind: n.kind,
          label: n.label,
          shortLabel: n.shortLabel,
          display: n.shortLabel,
          date: n.date,
          reference: n.reference,
          type: n.type,
          degree: n.degree,
          sources: n.sources,
        };
        var pos = freeSpot(centre, taken, anchor ? 110 : 0);
        taken.push(pos);
        added = added.union(cy.add({ group: 'nodes', data: data, position: pos }));
        addedBy[n.id] = opts.from && n.id !== opts.from ? opts.from : '';
      });
      x.edges.forEach(function (e) {
        if (cy.getElementById(e.id).nonempty()) return;
        var data = { id: e.id, source: e.source, target: e.target, type: e.type, properties: e.properties, sources: e.sources };
        cy.add({ group: 'edges', data: data });
      });
      x.hidden.forEach(function (h) {
        var n = cy.getElementById(h.id);
        if (n.nonempty()) total[h.id] = h.count + canvasNeighbours(n);
      });
      refreshHidden(cy.nodes());
      updateEmpty();
      if (added.nonempty()) layoutNew(added, anchor, first);
      saveState();
      return x;
    });
  }

  function viewportCentre() {
    var ext = cy.extent();
    return { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
  }

  // READABLE is the smallest zoom at which labels can be read: a fit that
  // would go below it centres on the node of interest instead.
  var READABLE = 0.7;

  // fitView fits eles (all by default) into the part of the canvas that
  // the legend leaves free, at a zoom between READABLE and 1.25; when they
  // do not fit readably, it centres on focus.
  function fitView(focus, eles) {
    eles = eles || cy.elements();
    if (eles.empty()) return;
    var legend = document.querySelector('.legend');
    var below = legend.open ? legend.offsetHeight + 8 : 0;
    var pad = 40;
    var w = cy.width() - 2 * pad;
    var h = cy.height() - 2 * pad - below;
    var bb = eles.boundingBox();
    var zoom = Math.min(w / Math.max(bb.w, 1), h / Math.max(bb.h, 1), 1.25);
    if (zoom < READABLE) {
      cy.zoom(READABLE);
      cy.center(focus && focus.nonempty() ? focus : eles);
      return;
    }
    cy.viewport({
      zoom: zoom,
      pan: { x: pad + (w - bb.w * zoom) / 2 - bb.x1 * zoom, y: pad + (h - bb.h * zoom) / 2 - bb.y1 * zoom },
    });
  }

  // freeSpot is the first place, on rings around centre from radius r0
  // out, where a node and its label overlap no place in taken.
  function freeSpot(centre, taken, r0) {
    var free = function (p) {
      return taken.every(function (q) {
        return Math.abs(p.x - q.x) >= 130 || Math.abs(p.y - q.y) >= 60;
      });
    };
    for (var ring = 0; ring < 40; ring++) {
      var r = r0 + ring * 55;
      var n = r === 0 ? 1 : Math.max(6, Math.floor((2 * Math.PI * r) / 60));
      for (var i = 0; i < n; i++) {
        var a = (i * 2 * Math.PI) / n + ring * 0.4;
        var p = { x: Math.round(centre.x + r * Math.cos(a)), y: Math.round(centre.y + r * Math.sin(a)) };
        if (free(p)) return p;
      }
    }
    return { x: centre.x, y: centre.y + 60 * taken.length };
  }

  // layoutNew shows the nodes just added. They were put on free places
  // around the node expanded, and the nodes already placed stay where
  // they are; only a first expansion, with nothing placed to keep, is laid
  // out afresh by fcose.
  function layoutNew(added, anchor, first) {
    if (first && cy.nodes().length > 1) {
      cy.layout({
        name: 'fcose',
        randomize: true,
        animate: false,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: 110,
        nodeRepulsion: 9000,
        fit: false,
      }).run();
    }
    fitView(anchor && anchor.nonempty() ? anchor : added);
  }

  function relayout() {
    if (cy.nodes().empty()) return;
    cy.layout({ name: 'fcose', randomize: true, animate: false, nodeDimensionsIncludeLabels: true, idealEdgeLength: 110, nodeRepulsion: 9000 }).run();
    fitView();
    saveState();
  }

  function expand(id) {
    var n = cy.getElementById(id);
    if (n.empty()) return Promise.resolve();
    clearHighlight();
    return add([id], { from: id })
      .then(function (x) {
        var msg = kindLabel(n.data('kind')) + ' ' + n.data('label') + ': ' + x.nodes.length + ' added';
        var h = n.data('hidden');
        if (h > 0) msg += ', ' + h + ' still hidden';
        announce(msg);
        if (selected === id) showDetails(id);
      })
      .catch(showError);
  }

  // collapse removes what expanding id added, and what expanding those
  // added, except nodes placed directly.
  function collapse(id) {
    var gone = {};
    var changed = true;
    while (changed) {
      changed = false;
      cy.nodes().forEach(function (n) {
        var by = addedBy[n.id()];
        if (!gone[n.id()] && by && (by === id || gone[by]) && n.id() !== id) {
          gone[n.id()] = true;
          changed = true;
        }
      });
    }
    var ids = Object.keys(gone);
    ids.forEach(function (g) {
      delete addedBy[g];
      delete total[g];
    });
    var removed = cy.collection();
    ids.forEach(function (g) {
      removed = removed.union(cy.getElementById(g));
    });
    cy.remove(removed);
    refreshHidden(cy.nodes());
    updateEmpty();
    announce(ids.length + ' nodes collapsed');
    saveState();
  }

  function removeNode(id) {
    var n = cy.getElementById(id);
    if (n.empty()) return;
    cy.remove(n);
    delete total[id];
    delete addedBy[id];
    if (selected === id) selected = null;
    refreshHidden(cy.nodes());
    updateEmpty();
    saveState();
  }

  // show puts the node on the canvas (if it is not there), selects it and
  // brings it into view.
  function show(id, opts) {
    var go = cy.getElementById(id).nonempty() ? Promise.resolve() : add([id], { limit: 0 });
    return go
      .then(function () {
        var n = cy.getElementById(id);
        if (n.empty()) return;
        select(id, opts);
        var r = n.renderedPosition();
        if (r.x < 0 || r.y < 0 || r.x > cy.width() || r.y > cy.height()) cy.center(n);
      })
      .catch(showError);
  }

  // ---- selection, focus, tooltip ----------------------------------------

  var selected = null;
  var focused = null;

  function select(id, opts) {
    cy.$(':selected').unselect();
    var n = cy.getElementById(id);
    if (n.empty()) return;
    n.select();
    selected = id;
    setFocus(id);
    if (!(opts && opts.keepTab)) openTab('details');
    showDetails(id);
    saveState();
  }

  function setFocus(id) {
    cy.nodes('.focused').removeClass('focused');
    focused = id;
    var n = cy.getElementById(id);
    if (n.empty()) return;
    n.addClass('focused');
    var msg = n.data('label') + ', ' + kindLabel(n.data('kind'));
    if (n.data('hidden') > 0) msg += ', ' + n.data('hidden') + ' neighbours hidden';
    announce(msg);
  }

  cy.on('tap', 'node', function (ev) {
    select(ev.target.id());
  });
  cy.on('dbltap', 'node', function (ev) {
    expand(ev.target.id());
  });
  cy.on('tap', 'edge', function (ev) {
    var e = ev.target;
    select(e.source().id());
  });
  cy.on('dragfree', 'node', function () {
    saveState();
  });
  cy.on('viewport', function () {
    saveState();
  });

  var tip = $('tooltip');
  cy.on('mouseover', 'node', function (ev) {
    var n = ev.target;
    var p = n.renderedPosition();
    tip.textContent = n.data('label') + ' (' + kindLabel(n.data('kind')) + (n.data('date') ? ', ' + n.data('date') : '') + ')';
    tip.style.left = Math.round(p.x + 16) + 'px';
    tip.style.top = Math.round(p.y - 34) + 'px';
    tip.hidden = false;
  });
  cy.on('mouseout', 'node', function () {
    tip.hidden = true;
  });
  cy.on('mouseover', 'edge', function (ev) {
    ev.target.addClass('hover');
  });
  cy.on('mouseout', 'edge', function (ev) {
    ev.target.removeClass('hover');
  });
  cy.on('pan zoom', function () {
    tip.hidden = true;
  });

  // Keyboard on the canvas: arrows move to the nearest node that way.
  $('cy').addEventListener('keydown', function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var nodes = cy.nodes();
    if (nodes.empty()) return;
    var cur = focused && cy.getElementById(focused).nonempty() ? cy.getElementById(focused) : null;
    var dirs = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
    if (dirs[ev.key]) {
      ev.preventDefault();
      if (!cur) {
        setFocus(nodes.sort(byPosition)[0].id());
        return;
      }
      var d = dirs[ev.key];
      var p = cur.position();
      var best = null;
      var bestScore = Infinity;
      nodes.forEach(function (n) {
        if (n.id() === cur.id()) return;
        var q = n.position();
        var dx = q.x - p.x;
        var dy = q.y - p.y;
        var along = dx * d[0] + dy * d[1];
        if (along <= 0) return;
        var across = Math.abs(dx * d[1]) + Math.abs(dy * d[0]);
        var score = along + 2 * across;
        if (score < bestScore) {
          bestScore = score;
          best = n;
        }
      });
      if (best) {
        setFocus(best.id());
        if (!best.renderedBoundingBox) return;
        var bb = best.renderedBoundingBox();
        if (bb.x1 < 0 || bb.y1 < 0 || bb.x2 > cy.width() || bb.y2 > cy.height()) cy.center(best);
      }
      return;
    }
    if (!cur) {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        setFocus(nodes.sort(byPosition)[0].id());
      }
      return;
    }
    switch (ev.key) {
      case 'Enter':
        ev.preventDefault();
        expand(cur.id());
        break;
      case 'Backspace':
        ev.preventDefault();
        collapse(cur.id());
        break;
      case ' ':
        ev.preventDefault();
        select(cur.id());
        break;
      case 'Delete':
        ev.preventDefault();
        removeNode(cur.id());
        break;
      case 'f':
      case 'F':
        pickPath('from', cur.id());
        break;
      case 't':
      case 'T':
        pickPath('to', cur.id());
        break;
      default:
    }
  });
  $('cy').addEventListener('focus', function () {
    if (!focused && cy.nodes().nonempty()) setFocus((selected && cy.getElementById(selected).nonempty() ? selected : cy.nodes().sort(byPosition)[0].id()));
  });

  function byPosition(a, b) {
    var p = a.position();
    var q = b.position();
    return p.y - q.y || p.x - q.x;
  }

  document.addEventListener('keydown', function (ev) {
    if (ev.key === '/' && document.activeElement && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      ev.preventDefault();
      $('search').focus();
    }
    if (ev.key === 'Escape' && !$('help').hidden) toggleHelp(false);
  });

  // ---- search -----------------------------------------------------------

  var SEARCH =
    'query Search($text: String!) { search(text: $text, first: 8) { edges { field node { id kind name' +
    ' ... on Document { reference date } ... on Procedure { procedureReference: reference } ... on Institution { acronym }' +
    ' ... on Agency { acronym } ... on Event { eventDate: date } } } } }';
  var input = $('search');
  var hits = $('hits');
  var active = -1;
  var searchTimer = null;
  var searchSeq = 0;

  function closeHits() {
    hits.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function renderHits(edges) {
    clear(hits);
    if (!edges.length) {
      hits.appendChild(el('li', { className: 'none', attrs: { role: 'option', 'aria-disabled': 'true' } }, 'Nothing found'));
    }
    edges.forEach(function (h, i) {
      var n = h.node;
      var extra = n.acronym || n.reference || n.procedureReference || n.date || n.eventDate || '';
      if (extra === n.name) extra = '';
      var li = el(
        'li',
        { id: 'hit-' + i, attrs: { role: 'option', 'aria-selected': 'false', 'data-id': n.id } },
        swatch(n.kind),
        el('span', { className: 'hit-name' }, n.name),
        el('span', { className: 'hit-meta' }, (extra ? extra + ' · ' : '') + kindLabel(n.kind)),
      );
      li.addEventListener('mousedown', function (ev) {
        ev.preventDefault();
        choose(n.id);
      });
      hits.appendChild(li);
    });
    hits.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  }

  function moveActive(delta) {
    var items = hits.querySelectorAll('li[data-id]');
    if (!items.length) return;
    active = (active + delta + items.length) % items.length;
    items.forEach(function (li, i) {
      li.setAttribute('aria-selected', i === active ? 'true' : 'false');
    });
    input.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView({ block: 'nearest' });
  }

  function choose(id) {
    closeHits();
    input.value = '';
    show(id).then(function () {
      var n = cy.getElementById(id);
      if (n.nonempty()) announce(n.data('label') + ' placed on the canvas. Press Enter on the canvas to expand it.');
    });
  }

  input.addEventListener('input', function () {
    var text = input.value.trim();
    clearTimeout(searchTimer);
    if (!text) {
      closeHits();
      return;
    }
    searchTimer = setTimeout(function () {
      var seq = ++searchSeq;
      gql(SEARCH, { text: text })
        .then(function (data) {
          if (seq === searchSeq && input.value.trim() === text) renderHits(data.search.edges);
        })
        .catch(function (err) {
          if (seq === searchSeq) showError(err);
        });
    }, 150);
  });
  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      if (hits.hidden) input.dispatchEvent(new Event('input'));
      else moveActive(1);
    } else if (ev.key === 'ArrowUp') {
      ev.preventDefault();
      moveActive(-1);
    } else if (ev.key === 'Enter') {
      var items = hits.querySelectorAll('li[data-id]');
      var pick = items[active >= 0 ? active : 0];
      if (!hits.hidden && pick) {
        ev.preventDefault();
        choose(pick.dataset.id);
      }
    } else if (ev.key === 'Escape') {
      closeHits();
    }
  });
  input.addEventListener('blur', function () {
    setTimeout(closeHits, 100);
  });

  // ---- tabs -------------------------------------------------------------

  var tabs = ['details', 'paths', 'citations', 'timeline', 'view'];
  var currentTab = 'details';

  function openTab(name, focus) {
    currentTab = name;
    tabs.forEach(function (t) {
      var on = t === name;
      $('tab-' + t).setAttribute('aria-selected', on ? 'true' : 'false');
      $('tab-' + t).tabIndex = on ? 0 : -1;
      $('pane-' + t).hidden = !on;
    });
    if (focus) $('tab-' + name).focus();
  }

  tabs.forEach(function (t, i) {
    var b = $('tab-' + t);
    b.addEventListener('click', function () {
      openTab(t);
      if (t === 'timeline' && selected) showTimeline(selected);
      saveState();
    });
    b.addEventListener('keydown', function (ev) {
      var d = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      ev.preventDefault();
      openTab(tabs[(i + d + tabs.length) % tabs.length], true);
    });
  });

  // ---- details ----------------------------------------------------------

  // The properties the Details panel lists, by kind, as [field, label].
  var FIELDS = {
    INSTITUTION: [['acronym', 'Acronym'], ['type', 'Type']],
    AGENCY: [['acronym', 'Acronym'], ['type', 'Type'], ['established', 'Established']],
    PERSON: [['givenName', 'Given name'], ['familyName', 'Family name'], ['group', 'Political group'], ['country', 'Country']],
    PROCEDURE: [['reference', 'Reference'], ['type', 'Type'], ['status', 'Status'], ['date', 'Opened'], ['subjects', 'Subjects']],
    DOCUMENT: [['reference', 'Reference'], ['shortTitle', 'Short title'], ['type', 'Type'], ['date', 'Date']],
    OBJECTIVE: [['number', 'Number'], ['type', 'Type']],
    EVENT: [['date', 'Date'], ['endDate', 'Until'], ['type', 'Type'], ['reference', 'Produced']],
  };

  // LINKS are the node's public pages (EUR-Lex, the Legislative
  // Observatory, the Council register...), which the API builds from its
  // identifiers.
  var LINKS = ' links { label url }';

  // The kinds' fields differ in type (a Procedure's reference is String!,
  // a Document's String), so each kind's are asked under aliases of its
  // own: K_field.
  var TYPENAMES = {
    INSTITUTION: 'Institution', AGENCY: 'Agency', PERSON: 'Person', PROCEDURE: 'Procedure',
    DOCUMENT: 'Document', OBJECTIVE: 'Objective', EVENT: 'Event',
  };
  var DETAILS =
    'query Details($id: ID!) { node(id: $id) { id kind name description aliases ' + SOURCE + LINKS +
    ' relationships { id type direction role date note group other { id kind name } ' + SOURCE + ' }' +
    Object.keys(FIELDS)
      .map(function (k) {
        return ' ... on ' + TYPENAMES[k] + ' { ' + FIELDS[k].map(function (f) { return k + '_' + f[0] + ': ' + f[0]; }).join(' ') + ' }';
      })
      .join('') +
    ' } }';

  var detailsSeq = 0;
  function showDetails(id) {
    var seq = ++detailsSeq;
    var pane = $('pane-details');
    gql(DETAILS, { id: id })
      .then(function (data) {
        if (seq !== detailsSeq) return;
        clear(pane);
        var n = data.node;
        if (!n) {
          pane.appendChild(el('p', null, 'This node is no longer in the graph.'));
          return;
        }
        renderDetails(pane, n);
      })
      .catch(showError);
  }

  function sourceItem(s) {
    var lines = s.lines ? (s.lines.indexOf('-') >= 0 ? 'lines ' : 'line ') + s.lines : null;
    var where = [s.section, lines].filter(Boolean).join(', ');
    return el('li', null, el('span', { className: 'file' }, s.file), where ? el('div', null, where) : null);
  }

  function sourcesList(ss) {
    if (!ss || !ss.length) return el('p', { className: 'hint' }, 'No source recorded.');
    var ul = el('ul', { className: 'sources' });
    ss.forEach(function (s) {
      ul.appendChild(sourceItem(s));
    });
    return ul;
  }

  function renderDetails(pane, n) {
    var onCanvas = cy.getElementById(n.id);
    pane.appendChild(el('h2', { id: 'details-title' }, n.name));
    pane.appendChild(el('p', { className: 'kind-tag' }, swatch(n.kind), ' ' + kindLabel(n.kind) + ' · ', el('span', { className: 'file' }, n.id)));
    if (onCanvas.nonempty() && onCanvas.data('hidden') > 0) {
      pane.appendChild(el('p', null, onCanvas.data('hidden') + ' neighbours not on the canvas yet.'));
    }
    var actions = el('div', { className: 'actions' });
    actions.appendChild(el('button', { type: 'button', id: 'act-expand', textContent: 'Expand', onclick: function () { expand(n.id); } }));
    actions.appendChild(el('button', { type: 'button', id: 'act-collapse', textContent: 'Collapse', onclick: function () { collapse(n.id); } }));
    actions.appendChild(el('button', { type: 'button', id: 'act-from', textContent: 'Path from here', onclick: function () { pickPath('from', n.id); } }));
    actions.appendChild(el('button', { type: 'button', id: 'act-to', textContent: 'Path to here', onclick: function () { pickPath('to', n.id); } }));
    actions.appendChild(
      el('button', { type: 'button', id: 'act-timeline', textContent: 'Timeline', onclick: function () { openTab('timeline'); showTimeline(n.id); saveState(); } }),
    );
    if (n.kind === 'DOCUMENT') {
      actions.appendChild(
        el('button', { type: 'button', id: 'act-citations', textContent: 'Citation chain', onclick: function () { openTab('citations'); showCitations(n.id); saveState(); } }),
      );
    }
    actions.appendChild(el('button', { type: 'button', textContent: 'Remove', onclick: function () { removeNode(n.id); } }));
    pane.appendChild(actions);

    var props = el('dl', { className: 'props' });
    var any = false;
    function prop(label, value) {
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return;
      any = true;
      props.appendChild(el('dt', null, label));
      props.appendChild(el('dd', null, Array.isArray(value) ? value.join('; ') : String(value)));
    }
    (FIELDS[n.kind] || []).forEach(function (f) {
      prop(f[1], n[n.kind + '_' + f[0]]);
    });
    prop('Also known as', n.aliases);
    prop('Description', n.description);
    pane.appendChild(el('h3', null, 'Properties'));
    pane.appendChild(any ? props : el('p', { className: 'hint' }, 'None recorded.'));

    pane.appendChild(el('h3', { id: 'sources-title' }, 'Sources'));
    var src = sourcesList(n.sources);
    src.id = 'node-sources';
    pane.appendChild(src);

    pane.appendChild(linksSection(n));

    pane.appendChild(el('h3', null, 'Relationships (' + n.relationships.length + ')'));
    var ul = el('ul', { className: 'rels', id: 'rels' });
    n.relationships.forEach(function (r, i) {
      ul.appendChild(relItem(n, r, i));
    });
    pane.appendChild(n.relationships.length ? ul : el('p', { className: 'hint' }, 'None.'));
  }

  // linksSection lists the node's deep links to official pages.
  function linksSection(n) {
    var box = el('div', { id: 'node-links' }, el('h3', null, 'Links'));
    if (!n.links || !n.links.length) {
      box.appendChild(el('p', { className: 'hint' }, 'None: only a node with an official reference has public pages.'));
      return box;
    }
    var ul = el('ul', { className: 'plain' });
    n.links.forEach(function (l) {
      ul.appendChild(el('li', null, el('a', { href: l.url, rel: 'noopener noreferrer', target: '_blank', title: l.url }, l.label)));
    });
    box.appendChild(ul);
    return box;
  }

  function relItem(self, r, i) {
    var other = r.other;
    var arrow = r.direction === 'OUT' ? '→' : '←';
    var bodyId = 'rel-body-' + i;
    var li = el('li');
    var head = el('div', { className: 'rel-head' });
    var disclose = el(
      'button',
      { type: 'button', className: 'disclose', attrs: { 'aria-expanded': 'false', 'aria-controls': bodyId } },
      el('span', { className: 'rel-type' }, arrow + ' ' + r.type + (r.role ? ' (' + r.role + ')' : '')),
      ' ',
      swatch(other.kind),
      ' ' + other.name,
    );
    var body = el('div', { className: 'rel-body', id: bodyId, hidden: true });
    disclose.addEventListener('click', function () {
      var open = disclose.getAttribute('aria-expanded') !== 'true';
      disclose.setAttribute('aria-expanded', open ? 'true' : 'false');
      body.hidden = !open;
      if (open && !body.firstChild) {
        var p = el('dl', { className: 'props' });
        [['Date', r.date], ['Role', r.role], ['Group', r.group], ['Note', r.note]].forEach(function (kv) {
          if (kv[1]) {
            p.appendChild(el('dt', null, kv[0]));
            p.appendChild(el('dd', null, kv[1]));
          }
        });
        if (p.firstChild) body.appendChild(p);
        body.appendChild(el('div', { className: 'hint' }, 'Stated in:'));
        body.appendChild(sourcesList(r.sources));
        body.appendChild(
          el('button', {
            type: 'button',
            className: 'linkish',
            textContent: cy.getElementById(other.id).nonempty() ? 'Go to ' + other.name : 'Show ' + other.name + ' on the canvas',
            onclick: function () {
              show(other.id);
            },
          }),
        );
      }
    });
    head.appendChild(disclose);
    li.appendChild(head);
    li.appendChild(body);
    return li;
  }

  // ---- paths ------------------------------------------------------------

  var pathEnds = { from: null, to: null };

  // pickPath sets an end of the path; with both ends set, the paths are
  // found, unless quiet (a restored view says itself whether it showed
  // them).
  function pickPath(end, id, quiet) {
    pathEnds[end] = id;
    var n = cy.getElementById(id);
    $('path-' + end).textContent = n.nonempty() ? n.data('label') : id;
    announce('Path ' + end + ': ' + (n.nonempty() ? n.data('label') : id));
    if (pathEnds.from && pathEnds.to && !quiet) {
      openTab('paths');
      findPaths();
    }
    saveState();
  }

  var highlighted = null; // what the highlight shows: 'paths', 'cites' or null

  function clearHighlight() {
    highlighted = null;
    cy.elements().removeClass('on-path faded labelled');
    saveState();
  }

  function highlight(nodeIds, edgeIds) {
    clearHighlight();
    var on = cy.collection();
    nodeIds.forEach(function (id) {
      on = on.union(cy.getElementById(id));
    });
    edgeIds.forEach(function (id) {
      on = on.union(cy.getElementById(id));
    });
    cy.elements().difference(on).addClass('faded');
    on.addClass('on-path');
    // A few highlighted relationships say their type; many would hide the graph.
    if (on.edges().length <= 12) on.edges().addClass('labelled');
    if (on.nonempty() && !restoring) fitView(on, on);
  }

  var PATHS =
    'query Paths($from: ID!, $to: ID!, $all: Boolean!) {' +
    ' one: shortestPath(from: $from, to: $to) @skip(if: $all) { length nodes { id label } edges { id } }' +
    ' all: allShortestPaths(from: $from, to: $to, limit: 20) @include(if: $all) { length nodes { id label } edges { id } } }';

  function findPaths() {
    var out = $('path-result');
    clear(out);
    if (!pathEnds.from || !pathEnds.to) {
      out.appendChild(el('p', null, 'Pick a start and an end first.'));
      return Promise.resolve();
    }
    var all = document.querySelector('input[name="path-mode"]:checked').value === 'all';
    return gql(PATHS, { from: pathEnds.from, to: pathEnds.to, all: all })
      .then(function (data) {
        var paths = all ? data.all : data.one ? [data.one] : [];
        if (!paths.length) {
          out.appendChild(el('p', null, 'No path joins them within the server\'s depth limit.'));
          clearHighlight();
          return;
        }
        var nodeIds = {};
        var edgeIds = {};
        paths.forEach(function (p) {
          p.nodes.forEach(function (n) {
            nodeIds[n.id] = true;
          });
          p.edges.forEach(function (e) {
            edgeIds[e.id] = true;
          });
        });
        return add(Object.keys(nodeIds), { limit: 0 }).then(function () {
          highlight(Object.keys(nodeIds), Object.keys(edgeIds));
          highlighted = 'paths';
          out.appendChild(el('p', null, paths.length + (paths.length === 1 ? ' path' : ' paths') + ' of ' + paths[0].length + ' steps:'));
          var ol = el('ol', { className: 'path-list', id: 'path-list' });
          paths.forEach(function (p) {
            var li = el('li');
            p.nodes.forEach(function (n, i) {
              if (i) li.appendChild(document.createTextNode(' → '));
              li.appendChild(el('button', { type: 'button', className: 'linkish', textContent: n.label, onclick: function () { show(n.id, { keepTab: true }); } }));
            });
            ol.appendChild(li);
          });
          out.appendChild(ol);
          announce(paths.length + ' shortest paths of ' + paths[0].length + ' steps highlighted');
        });
      })
      .catch(showError);
  }

  $('path-find').addEventListener('click', findPaths);
  $('path-clear').addEventListener('click', clearHighlight);

  // ---- citations --------------------------------------------------------

  var CITATIONS =
    'query Cites($id: ID!, $dir: CitationDirection) { citations(id: $id, direction: $dir) {' +
    ' nodes { id label shortLabel date distance } edges { id } truncated } }';
  var citeOf = null;

  function showCitations(id) {
    citeOf = id;
    clearHighlight();
    var out = $('cite-result');
    clear(out);
    var n = cy.getElementById(id);
    if (n.empty() || n.data('kind') !== 'DOCUMENT') {
      out.appendChild(el('p', null, 'Choose a document first.'));
      return Promise.resolve();
    }
    var dir = $('cite-dir').value;
    return gql(CITATIONS, { id: id, dir: dir })
      .then(function (data) {
        var c = data.citations;
        var rest = c.nodes.filter(function (x) {
          return x.distance > 0;
        });
        out.appendChild(el('p', null, n.data('label') + (dir === 'CITES' ? ' cites ' : ' is cited by ') + rest.length + ' documents' + (c.truncated ? ' (cut short)' : '') + '.'));
        var byDist = {};
        rest.forEach(function (x) {
          (byDist[x.distance] = byDist[x.distance] || []).push(x);
        });
        Object.keys(byDist).forEach(function (d) {
          out.appendChild(el('h3', null, d === '1' ? 'Directly' : d + ' steps away'));
          var ul = el('ul', { className: 'cite-list plain' });
          byDist[d].forEach(function (x) {
            ul.appendChild(
              el('li', null, el('button', { type: 'button', className: 'linkish', textContent: x.shortLabel + (x.date ? ' (' + x.date + ')' : ''), title: x.label, onclick: function () { show(x.id, { keepTab: true }); } })),
            );
          });
          out.appendChild(ul);
        });
        if (rest.length) {
          out.appendChild(
            el('button', {
              type: 'button',
              textContent: 'Show the chain on the canvas',
              onclick: function () {
                var ids = c.nodes.map(function (x) {
                  return x.id;
                });
                add(ids, { limit: 0 })
                  .then(function () {
                    highlight(ids, c.edges.map(function (e) { return e.id; }));
                    highlighted = 'cites';
                    saveState();
                  })
                  .catch(showError);
              },
            }),
          );
        }
      })
      .catch(showError);
  }

  $('cite-run').addEventListener('click', function () {
    if (selected) showCitations(selected);
    saveState();
  });

  // ---- timeline ---------------------------------------------------------

  var TIMELINE =
    'query Timeline($id: ID!) { node(id: $id) { name } timeline(id: $id) { entries { date kind label reference node { id } } truncated } }';
  var timelineOf = null;

  function showTimeline(id) {
    timelineOf = id;
    clearHighlight();
    var out = $('timeline-result');
    clear(out);
    return gql(TIMELINE, { id: id })
      .then(function (data) {
        var t = data.timeline;
        out.appendChild(el('h3', { id: 'timeline-title' }, data.node ? data.node.name : id));
        if (!t.entries.length) {
          out.appendChild(el('p', null, 'Nothing dated is joined to it.'));
          return;
        }
        out.appendChild(axis(t.entries));
        var ol = el('ol', { className: 'tl-list plain', id: 'timeline-list' });
        t.entries.forEach(function (e) {
          ol.appendChild(
            el(
              'li',
              null,
              el('span', { className: 'date' }, e.date),
              swatch(e.kind),
              el('button', { type: 'button', className: 'linkish', textContent: e.label + (e.reference ? ' (' + e.reference + ')' : ''), onclick: function () { show(e.node.id, { keepTab: true }); } }),
            ),
          );
        });
        out.appendChild(ol);
        if (t.truncated) out.appendChild(el('p', { className: 'truncated' }, 'Only the first entries are shown.'));
      })
      .catch(showError);
  }

  // axis draws the entries on a time axis: a dot each, at its date.
  function axis(entries) {
    var w = 320;
    var h = 70;
    var pad = 14;
    var t0 = Date.parse(entries[0].date);
    var t1 = Date.parse(entries[entries.length - 1].date);
    if (t1 === t0) {
      t0 -= 86400000 * 180;
      t1 += 86400000 * 180;
    }
    var x = function (d) {
      return pad + ((Date.parse(d) - t0) / (t1 - t0)) * (w - 2 * pad);
    };
    var s = svg('svg', { class: 'tl-axis', viewBox: '0 0 ' + w + ' ' + h, role: 'group', 'aria-label': 'Time axis, ' + entries[0].date + ' to ' + entries[entries.length - 1].date });
    s.appendChild(svg('line', { x1: pad, y1: 40, x2: w - pad, y2: 40, class: 'tick' }));
    var y0 = new Date(t0).getUTCFullYear();
    var y1 = new Date(t1).getUTCFullYear();
    for (var y = y0; y <= y1 + 1; y++) {
      var tx = x(y + '-01-01');
      if (tx < pad || tx > w - pad) continue;
      s.appendChild(svg('line', { x1: tx, y1: 35, x2: tx, y2: 45, class: 'tick' }));
      var label = svg('text', { x: tx, y: 60, 'text-anchor': 'middle' });
      label.textContent = String(y);
      s.appendChild(label);
    }
    var stack = {};
    entries.forEach(function (e) {
      var cx = Math.round(x(e.date));
      var k = Math.round(cx / 6);
      stack[k] = (stack[k] || 0) + 1;
      var dot = svg('circle', { cx: cx, cy: 40 - 8 * (stack[k] - 1), r: 5, class: 'dot', tabindex: 0, role: 'button', 'aria-label': e.date + ' ' + e.label });
      dot.setAttribute('fill', (kindStyle[e.kind] || {}).color || '#888');
      var title = svg('title');
      title.textContent = e.date + ' ' + e.label;
      dot.appendChild(title);
      var go = function () {
        show(e.node.id, { keepTab: true });
      };
      dot.addEventListener('click', go);
      dot.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          go();
        }
      });
      s.appendChild(dot);
    });
    return s;
  }

  // ---- filters, legend, export ------------------------------------------

  config.edgeTypes.forEach(function (t) {
    $('filter-types').appendChild(el('label', { title: t.doc }, el('input', { type: 'checkbox', value: t.name, checked: true }), ' ' + t.name.toLowerCase().replace(/_/g, ' ')));
  });
  config.kinds.forEach(function (k) {
    $('filter-kinds').appendChild(el('label', null, el('input', { type: 'checkbox', value: k.name, checked: true }), ' ', swatch(k.name), ' ' + k.label));
    $('legend').appendChild(el('li', null, swatch(k.name), k.label));
  });
  $('legend').appendChild(el('li', { className: 'legend-note' }, '+N: neighbours not shown; double-click or Enter expands'));
  ['filter-types', 'filter-kinds', 'limit'].forEach(function (id) {
    $(id).addEventListener('change', saveState);
  });

  function download(name, blob) {
    var url = URL.createObjectURL(blob);
    var a = el('a', { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  function needNodes() {
    if (cy.nodes().empty()) {
      showError(new ApiError('The canvas is empty: there is nothing to export yet.'));
      return false;
    }
    return true;
  }

  $('export-png').addEventListener('click', function () {
    if (!needNodes()) return;
    download('issgraph-view.png', cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }));
  });
  $('export-json').addEventListener('click', function () {
    if (!needNodes()) return;
    var doc = { elements: { nodes: cy.nodes().jsons(), edges: cy.edges().jsons() } };
    doc.elements.nodes.forEach(function (n) {
      delete n.data.display;
    });
    download('issgraph-view.cyjs.json', new Blob([JSON.stringify(doc, null, 1)], { type: 'application/json' }));
  });
  // GraphML and GEXF come from the server's export of this view (the
  // canvas's nodes and every relationship among them), so they are the
  // very files /export writes and its tests check.
  function serverExport(format) {
    if (!needNodes()) return;
    var ids = cy.nodes().map(function (n) {
      return n.id();
    });
    var q = new URLSearchParams({ query: 'expand', ids: ids.join(','), limit: '0', format: format });
    var a = el('a', { href: config.export + '?' + q.toString(), download: 'issgraph-view.' + format });
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  $('export-graphml').addEventListener('click', function () {
    serverExport('graphml');
  });
  $('export-gexf').addEventListener('click', function () {
    serverExport('gexf');
  });
  $('copy-link').addEventListener('click', function () {
    saveStateNow();
    var done = function () {
      announce('Link copied');
    };
    if (navigator.clipboard) navigator.clipboard.writeText(location.href).then(done, function () {});
  });

  $('fit').addEventListener('click', function () {
    fitView();
  });
  $('relayout').addEventListener('click', relayout);
  $('clear').addEventListener('click', function () {
    cy.elements().remove();
    total = {};
    addedBy = {};
    selected = null;
    focused = null;
    clear($('pane-details'));
    $('pane-details').appendChild(el('p', { className: 'hint' }, 'Choose a node.'));
    updateEmpty();
    saveState();
  });

  function toggleHelp(open) {
    $('help').hidden = !open;
    $('help-toggle').setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  $('help-toggle').addEventListener('click', function () {
    toggleHelp($('help').hidden);
  });

  // ---- the view in the address -----------------------------------------

  var restoring = false;
  var saveTimer = null;

  function saveState() {
    if (restoring) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveStateNow, 150);
  }

  function saveStateNow() {
    if (restoring) return;
    var p = new URLSearchParams();
    var nodes = cy.nodes().map(function (n) {
      var pos = n.position();
      return n.id() + '@' + Math.round(pos.x) + ',' + Math.round(pos.y) + (addedBy[n.id()] ? '~' + addedBy[n.id()] : '');
    });
    if (nodes.length) {
      p.set('nodes', nodes.join(';'));
      var pan = cy.pan();
      p.set('zoom', cy.zoom().toFixed(3) + '@' + Math.round(pan.x) + ',' + Math.round(pan.y));
    }
    if (selected) p.set('sel', selected);
    if (currentTab !== 'details') p.set('tab', currentTab);
    if (pathEnds.from) p.set('from', pathEnds.from);
    if (pathEnds.to) p.set('to', pathEnds.to);
    if (document.querySelector('input[name="path-mode"]:checked').value === 'all') p.set('paths', 'all');
    if (highlighted === 'paths') p.set('hl', 'paths');
    if (currentTab === 'timeline' && timelineOf) p.set('timeline', timelineOf);
    if (currentTab === 'citations' && citeOf) p.set('cites', citeOf + ':' + $('cite-dir').value);
    var f = filters();
    if (f.edgeTypes) p.set('types', f.edgeTypes.join(','));
    if (f.kinds) p.set('kinds', f.kinds.join(','));
    if (f.limit !== 50) p.set('limit', String(f.limit));
    // Ids are made of [a-z0-9._/-]: the separators stay readable.
    var hash = p.toString().replace(/%2F/g, '/').replace(/%40/g, '@').replace(/%2C/g, ',').replace(/%3B/g, ';').replace(/%3A/g, ':').replace(/%7E/g, '~');
    if (location.hash.slice(1) !== hash) history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }

  var highlightPaths = false;

  function restore() {
    var p = new URLSearchParams(location.hash.slice(1));
    if (p.has('types')) {
      var types = p.get('types').split(',');
      document.querySelectorAll('#filter-types input').forEach(function (i) {
        i.checked = types.indexOf(i.value) >= 0;
      });
    }
    if (p.has('kinds')) {
      var kinds = p.get('kinds').split(',');
      document.querySelectorAll('#filter-kinds input').forEach(function (i) {
        i.checked = kinds.indexOf(i.value) >= 0;
      });
    }
    if (p.has('limit')) $('limit').value = p.get('limit');
    if (p.get('hl') === 'paths') highlightPaths = true;
    if (p.get('paths') === 'all') document.querySelector('input[name="path-mode"][value="all"]').checked = true;
    var spec = (p.get('nodes') || '').split(';').filter(Boolean);
    if (!spec.length) return;
    var pos = {};
    var by = {};
    var ids = spec.map(function (s) {
      var m = /^([^@~]+)(?:@(-?\d+),(-?\d+))?(?:~(.+))?$/.exec(s);
      if (!m) return null;
      if (m[2] !== undefined) pos[m[1]] = { x: +m[2], y: +m[3] };
      if (m[4]) by[m[1]] = m[4];
      return m[1];
    }).filter(Boolean);
    restoring = true;
    gql(EXPAND, { ids: ids, exclude: [], limit: 0 })
      .then(function (data) {
        var x = data.expand;
        x.nodes.forEach(function (n) {
          cy.add({
            group: 'nodes',
            data: { id: n.id, kind: n.kind, label: n.label, shortLabel: n.shortLabel, display: n.shortLabel, date: n.date, reference: n.reference, type: n.type, degree: n.degree, sources: n.sources },
            position: pos[n.id] || { x: 0, y: 0 },
          });
          addedBy[n.id] = by[n.id] || '';
        });
        x.edges.forEach(function (e) {
          cy.add({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, type: e.type, properties: e.properties, sources: e.sources } });
        });
        x.hidden.forEach(function (h) {
          var n = cy.getElementById(h.id);
          if (n.nonempty()) total[h.id] = h.count + canvasNeighbours(n);
        });
        refreshHidden(cy.nodes());
        updateEmpty();
        if (Object.keys(pos).length < ids.length) relayout();
        var z = /^([\d.]+)@(-?\d+),(-?\d+)$/.exec(p.get('zoom') || '');
        if (z) cy.viewport({ zoom: +z[1], pan: { x: +z[2], y: +z[3] } });
        else fitView();
        var missing = ids.length - x.nodes.length;
        if (missing > 0) showError(new ApiError(missing + ' nodes of this link are no longer in the graph.'));
        if (p.get('from')) pickPath('from', p.get('from'), true);
        if (p.get('to')) pickPath('to', p.get('to'), true);
        if (highlightPaths) findPaths();
        var sel = p.get('sel');
        if (sel && cy.getElementById(sel).nonempty()) select(sel, { keepTab: true });
        var tab = p.get('tab');
        if (tab && tabs.indexOf(tab) >= 0) openTab(tab);
        if (tab === 'timeline' && p.get('timeline')) showTimeline(p.get('timeline'));
        if (tab === 'citations' && p.get('cites')) {
          var c = p.get('cites').split(':');
          $('cite-dir').value = c[1] === 'CITED_BY' ? 'CITED_BY' : 'CITES';
          showCitations(c[0]);
        }
      })
      .catch(showError)
      .finally(function () {
        restoring = false;
        saveStateNow();
      });
  }

  if (window.innerWidth < 1000) document.querySelector('.legend').open = false;
  updateEmpty();
  restore();
  window.addEventListener('hashchange', function () {
    // A link pasted into this page's address: draw its view.
    if (restoring) return;
    var cur = new URLSearchParams(location.hash.slice(1));
    var drawn = cy.nodes().map(function (n) { return n.id(); }).sort().join(';');
    var want = (cur.get('nodes') || '').split(';').map(function (s) { return s.split(/[@~]/)[0]; }).filter(Boolean).sort().join(';');
    if (drawn !== want) {
      cy.elements().remove();
      total = {};
      addedBy = {};
      restore();
    }
  });

  // For the browser tests: the canvas's state, read-only.
  window.issgraphExplorer = {
    nodes: function () {
      return cy.nodes().map(function (n) {
        return { id: n.id(), hidden: n.data('hidden'), x: Math.round(n.position().x), y: Math.round(n.position().y) };
      });
    },
    edges: function () {
      return cy.edges().map(function (e) {
        return { id: e.id(), onPath: e.hasClass('on-path') };
      });
    },
    viewport: function () {
      var pan = cy.pan();
      return { zoom: +cy.zoom().toFixed(3), x: Math.round(pan.x), y: Math.round(pan.y) };
    },
    idle: function () {
      return pending === 0 && !restoring;
    },
    // rendered returns where a node is drawn in the page, for clicks.
    rendered: function (id) {
      var n = cy.getElementById(id);
      if (n.empty()) return null;
      var p = n.renderedPosition();
      var r = $('cy').getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    },
  };
})();
