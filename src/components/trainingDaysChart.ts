import * as d3 from "npm:d3";

export interface TrainingDaysDatum {
  name: string;
  days: number;
}

export interface TrainingDaysOptions {
  width: number;
  /** Text after each bar's value, e.g. "days". */
  unit?: string;
}

/**
 * A hand-made D3 horizontal bar chart: one bar per accelerator, labelled with its value. Below
 * 520 px the names move above their bars so the bars keep most of the width.
 * Returns a detached SVG element for a page to display.
 */
export function trainingDaysChart(data: readonly TrainingDaysDatum[], {width, unit = "days"}: TrainingDaysOptions): SVGSVGElement {
  const compact = width < 520;
  const rowHeight = compact ? 40 : 28;
  const margin = compact ? {top: 4, right: 80, bottom: 40, left: 4} : {top: 8, right: 90, bottom: 40, left: 190};
  const height = margin.top + margin.bottom + rowHeight * data.length;
  const max = d3.max(data, (d) => d.days) ?? 1;
  const x = d3.scaleLinear().domain([0, max]).nice().range([margin.left, Math.max(margin.left + 10, width - margin.right)]);
  const y = d3.scaleBand<string>().domain(data.map((d) => d.name)).range([margin.top, height - margin.bottom]).padding(0.2);
  // In compact rows the name takes the band's top 15 px and the bar the rest.
  const nameHeight = compact ? 15 : 0;
  const barTop = (d: TrainingDaysDatum) => (y(d.name) ?? 0) + nameHeight;
  const barHeight = y.bandwidth() - nameHeight;

  const svg = d3.create("svg")
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-label", `Bar chart of ${unit} by accelerator`)
    .style("max-width", "100%")
    .style("font", "12px var(--sans-serif, system-ui)");

  svg.append("g")
    .attr("transform", `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor((width - margin.left - margin.right) / 80))))
    .call((g) => g.select(".domain").remove())
    // Compact rows leave 4 px left of the zero tick: its label starts there instead of centring on
    // it, or a wide one ("0.0" when every run takes under a day) hangs off the chart's left edge.
    .call((g) => {
      if (compact) g.selectAll<SVGGElement, number>(".tick").filter((d) => d === 0).select("text").attr("text-anchor", "start").attr("x", -1);
    })
    // The axis says what it counts, at its right end as Plot's axes do on the site's other charts.
    .call((g) => g.append("text")
      .attr("class", "axis-label")
      .attr("x", Math.max(margin.left + 10, width - margin.right))
      .attr("y", 32)
      .attr("text-anchor", "end")
      .attr("fill", "currentColor")
      .text(`Wall-clock ${unit} →`));

  if (compact) {
    svg.append("g").attr("class", "bar-names").selectAll("text").data(data).join("text")
      .attr("x", margin.left)
      .attr("y", (d) => (y(d.name) ?? 0) + 11)
      .attr("font-size", 12)
      .attr("fill", "currentColor")
      .text((d) => d.name);
  } else {
    svg.append("g")
      .attr("class", "bar-names")
      .attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).tickSize(0))
      .call((g) => g.select(".domain").remove())
      .call((g) => g.selectAll("text").attr("font-size", 12));
  }

  const bars = svg.append("g").selectAll("g").data(data).join("g");
  bars.append("rect")
    .attr("x", x(0))
    .attr("y", barTop)
    .attr("width", (d) => Math.max(0, x(d.days) - x(0)))
    .attr("height", barHeight)
    .attr("fill", "var(--theme-foreground-focus, steelblue)");
  bars.append("text")
    .attr("x", (d) => x(d.days) + 6)
    .attr("y", (d) => barTop(d) + barHeight / 2)
    .attr("dy", "0.35em")
    .attr("fill", "currentColor")
    .text((d) => `${d3.format(",.3~r")(d.days)} ${unit}`);

  return svg.node()!;
}
