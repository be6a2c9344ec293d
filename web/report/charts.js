// The report's charts: Chartist (SVG) behind a small adapter, so render.js stays about data.
//
// Chartist is loaded as a classic script that defines globalThis.Chartist (inlined in the
// single-file template, web/report/dist/chartist.umd.js on the demo page). Without it (Node
// tests, or the script missing) every chart degrades to its data table, which is always there.
//
// Each chart is an SVG inside a container with role="img" and an aria-label that says what the
// chart shows; the numbers are in the <table> next to it. Labels are set with textContent by
// Chartist itself (text from reviews, such as agent names, never goes through innerHTML).

const SVG_NS = 'http://www.w3.org/2000/svg';

let patched = false;

/**
 * Chartist writes two style attributes with setAttribute (the <svg> size and each label's
 * foreignObject), which a strict CSP (style-src without 'unsafe-inline') refuses and reports.
 * The same declarations set through the CSSOM are allowed: route them there.
 */
function patchStyleAttributes(Chartist) {
  if (patched || !Chartist?.Svg?.prototype?.attr) return;
  patched = true;
  const attr = Chartist.Svg.prototype.attr;
  Chartist.Svg.prototype.attr = function attrWithoutStyle(attributes, ns) {
    if (attributes && typeof attributes === 'object' && typeof attributes.style === 'string') {
      const { style, ...rest } = attributes;
      const node = this.getNode();
      for (const declaration of style.split(';')) {
        const colon = declaration.indexOf(':');
        if (colon > 0) {
          node.style.setProperty(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
        }
      }
      return attr.call(this, rest, ns);
    }
    return attr.call(this, attributes, ns);
  };
}

export function chartLibrary() {
  const Chartist = globalThis.Chartist;
  if (!Chartist || typeof Chartist.BarChart !== 'function') return null;
  patchStyleAttributes(Chartist);
  return Chartist;
}

/** A native tooltip (<title>) on a drawn SVG element. */
function addTitle(element, text) {
  const node = element.getNode();
  const title = node.ownerDocument.createElementNS(SVG_NS, 'title');
  title.textContent = text;
  node.appendChild(title);
}

/** A value written next to a bar or point (SVG text, set with a text node). */
function addValue(ctx, text, x, y, anchor = 'start', className = 'tr-value') {
  ctx.group.elem('text', { x, y, 'text-anchor': anchor, 'dominant-baseline': 'middle' }, className).text(text);
}

const percentTicks = (Chartist) => ({ type: Chartist.FixedScaleAxis, ticks: [0, 25, 50, 75, 100], low: 0, high: 100 });

/** Marks the container once Chartist has drawn (tests and screenshots wait for it). */
function whenDrawn(chart, container) {
  chart.on('created', () => container.setAttribute('data-drawn', 'true'));
}

/**
 * Vertical bars, one series. `classes[i]` is added to bar i; `titles[i]` is its tooltip.
 * opts: {labels, values, classes, titles, height}
 */
export function columnChart(container, { labels, values, classes = [], titles = [], height = 240, format = String }) {
  const Chartist = chartLibrary();
  if (!Chartist) return null;
  const chart = new Chartist.BarChart(container, { labels, series: [values] }, {
    height: `${height}px`,
    axisY: { onlyInteger: true, offset: 40 },
    axisX: { showGrid: false },
    chartPadding: { top: 16, right: 8, bottom: 4, left: 4 },
  });
  chart.on('draw', (ctx) => {
    if (ctx.type !== 'bar') return;
    if (classes[ctx.index]) ctx.element.addClass(classes[ctx.index]);
    if (titles[ctx.index]) addTitle(ctx.element, titles[ctx.index]);
    // Bars 60 % of their slot, whatever the width (through the CSSOM, which a CSP allows).
    const slot = ctx.chartRect.width() / Math.max(labels.length, 1);
    ctx.element.getNode().style.strokeWidth = `${Math.max(4, Math.min(48, Math.round(slot * 0.6)))}px`;
    addValue(ctx, format(values[ctx.index]), ctx.x1, ctx.y2 - 10, 'middle');
  });
  whenDrawn(chart, container);
  return chart;
}

/**
 * Horizontal bars, one series, categories top to bottom in the given order.
 * opts: {labels, values, classes, titles, max, labelWidth, format}
 */
export function barChart(container, { labels, values, classes = [], titles = [], max, labelWidth = 150, format = String, percentAxis = false }) {
  const Chartist = chartLibrary();
  if (!Chartist) return null;
  const rowHeight = 30;
  const n = Math.max(labels.length, 1);
  // Chartist draws the first category at the bottom: reverse so the list reads top-down.
  const rev = (a) => [...a].reverse();
  const rclasses = rev(labels.map((_, i) => classes[i]));
  const rtitles = rev(labels.map((_, i) => titles[i]));
  const rvalues = rev(values);
  const chart = new Chartist.BarChart(container, { labels: rev(labels), series: [rev(values)] }, {
    horizontalBars: true,
    height: `${n * rowHeight + 40}px`,
    low: 0,
    high: max,
    axisY: { offset: labelWidth, showGrid: false },
    axisX: percentAxis
      ? { ...percentTicks(Chartist), offset: 24, labelInterpolationFnc: (v) => `${v} %` }
      : { onlyInteger: true, offset: 24 },
    chartPadding: { top: 8, right: 56, bottom: 0, left: 0 },
  });
  chart.on('draw', (ctx) => {
    if (ctx.type !== 'bar') return;
    if (rclasses[ctx.index]) ctx.element.addClass(rclasses[ctx.index]);
    if (rtitles[ctx.index]) addTitle(ctx.element, rtitles[ctx.index]);
    addValue(ctx, format(rvalues[ctx.index]), ctx.x2 + 6, ctx.y1);
  });
  whenDrawn(chart, container);
  return chart;
}

/**
 * Horizontal 100 % stacked bars: one row per group, one series per band (CSS classes
 * tr-band-<band> colour them). opts: {labels, bands: [band ids], counts: [[per band] per row],
 * bandLabels: {id: label}, labelWidth}
 */
export function stackedShareChart(container, { labels, bands, counts, bandLabels, labelWidth = 150, format }) {
  const Chartist = chartLibrary();
  if (!Chartist) return null;
  const rowHeight = 30;
  const rows = counts.map((c) => {
    const total = c.reduce((a, b) => a + b, 0);
    return c.map((x) => (total ? (x / total) * 100 : 0));
  });
  const rev = (a) => [...a].reverse();
  const series = bands.map((_, b) => rev(rows.map((r) => r[b])));
  const rcounts = rev(counts);
  const rlabels = rev(labels);
  const chart = new Chartist.BarChart(container, { labels: rlabels, series }, {
    horizontalBars: true,
    stackBars: true,
    height: `${Math.max(labels.length, 1) * rowHeight + 40}px`,
    low: 0,
    high: 100,
    axisY: { offset: labelWidth, showGrid: false },
    axisX: { ...percentTicks(Chartist), offset: 24, labelInterpolationFnc: (v) => `${v} %` },
    chartPadding: { top: 8, right: 44, bottom: 0, left: 0 },
  });
  chart.on('draw', (ctx) => {
    if (ctx.type !== 'bar') return;
    const band = bands[ctx.seriesIndex];
    ctx.element.addClass(`tr-band-${band}`);
    const count = rcounts[ctx.index]?.[ctx.seriesIndex] ?? 0;
    const share = series[ctx.seriesIndex][ctx.index];
    addTitle(ctx.element, `${rlabels[ctx.index]} · ${bandLabels[band] ?? band} : ${count} (${format(share)} %)`);
    // The share inside the segment when there is room for it.
    if (ctx.x2 - ctx.x1 >= 40) addValue(ctx, `${Math.round(share)} %`, (ctx.x1 + ctx.x2) / 2, ctx.y1, 'middle', `tr-value tr-value-in tr-value-${band}`);
  });
  whenDrawn(chart, container);
  return chart;
}

/** A line of means over periods (0–100), with points and an area. */
export function lineChart(container, { labels, values, titles = [], height = 240, format = String }) {
  const Chartist = chartLibrary();
  if (!Chartist) return null;
  const chart = new Chartist.LineChart(container, { labels, series: [values] }, {
    height: `${height}px`,
    low: 0,
    high: 100,
    showArea: true,
    lineSmooth: false,
    axisY: { ...percentTicks(Chartist), offset: 32 },
    axisX: { showGrid: false },
    chartPadding: { top: 24, right: 24, bottom: 4, left: 8 },
  });
  chart.on('draw', (ctx) => {
    if (ctx.type !== 'point') return;
    if (titles[ctx.index]) addTitle(ctx.element, titles[ctx.index]);
    addValue(ctx, format(values[ctx.index]), ctx.x, ctx.y - 16, 'middle');
  });
  whenDrawn(chart, container);
  return chart;
}
