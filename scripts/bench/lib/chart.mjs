// A hand-written SVG: delivered msg/s per scenario and latency percentiles at a fixed rate, warren beside RabbitMQ.

const COLORS = { warren: "#2f7d5b", RabbitMQ: "#f26b21" };
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");
const short = (n) => (n === 0 ? "0" : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : n >= 1000 ? `${(n / 1e3).toFixed(1)}k` : n >= 10 ? Math.round(n).toString() : n.toFixed(2));

/** One panel of grouped bars: groups [{label, values: {broker: number|undefined}}]. */
function panel({ x, y, w, h, title, unit, groups, brokers }) {
  const max = Math.max(1e-9, ...groups.flatMap((g) => brokers.map((b) => g.values[b] ?? 0)));
  const out = [`<text x="${x + w / 2}" y="${y - 14}" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`];
  out.push(`<line x1="${x}" y1="${y + h}" x2="${x + w}" y2="${y + h}" stroke="#333"/>`, `<line x1="${x}" y1="${y}" x2="${x}" y2="${y + h}" stroke="#333"/>`);
  for (let i = 0; i <= 4; i++) {
    const gy = y + h - (h * i) / 4;
    out.push(`<line x1="${x}" y1="${gy}" x2="${x + w}" y2="${gy}" stroke="#ddd"/>`, `<text x="${x - 6}" y="${gy + 4}" text-anchor="end" font-size="10">${short((max * i) / 4)}</text>`);
  }
  out.push(`<text x="${x - 44}" y="${y + h / 2}" font-size="11" transform="rotate(-90 ${x - 44} ${y + h / 2})" text-anchor="middle">${esc(unit)}</text>`);
  const gw = w / groups.length;
  const bw = Math.min(36, (gw * 0.7) / brokers.length);
  groups.forEach((g, gi) => {
    const gx = x + gi * gw + (gw - bw * brokers.length) / 2;
    brokers.forEach((b, bi) => {
      const v = g.values[b];
      const bx = gx + bi * bw;
      if (v === undefined) {
        out.push(`<text x="${bx + bw / 2}" y="${y + h - 4}" text-anchor="middle" font-size="9">n/a</text>`);
        return;
      }
      const bh = (v / max) * h;
      out.push(`<rect x="${bx}" y="${y + h - bh}" width="${bw - 2}" height="${bh}" fill="${COLORS[b] ?? "#888"}"><title>${esc(`${b} ${g.label}: ${v}`)}</title></rect>`);
      out.push(`<text x="${bx + bw / 2 - 1}" y="${y + h - bh - 3}" text-anchor="middle" font-size="9">${short(v)}</text>`);
    });
    out.push(`<text x="${x + gi * gw + gw / 2}" y="${y + h + 16}" text-anchor="middle" font-size="11">${esc(g.label)}</text>`);
  });
  return out.join("\n");
}

/** The chart as SVG text. throughput/latency: [{label, values: {warren, RabbitMQ}}]. */
export function chartSvg({ throughput, latency, brokers }) {
  const W = 1000;
  const H = 400;
  const legend = brokers.map((b, i) => `<rect x="${W / 2 - 90 + i * 100}" y="12" width="12" height="12" fill="${COLORS[b] ?? "#888"}"/><text x="${W / 2 - 74 + i * 100}" y="22" font-size="12">${esc(b)}</text>`).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="${W}" height="${H}" fill="#fff"/>
${legend}
${panel({ x: 80, y: 80, w: 480, h: 270, title: "Delivered msg/s (higher is better)", unit: "msg/s", groups: throughput, brokers })}
${panel({ x: 660, y: 80, w: 310, h: 270, title: "Latency at 10,000 msg/s (lower is better)", unit: "ms", groups: latency, brokers })}
</svg>
`;
}
