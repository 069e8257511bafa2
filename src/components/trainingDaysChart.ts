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
 * A hand-made D3 horizontal bar chart: one bar per accelerator, labelled with its value.
 * Returns a detached SVG element for a page to display.
 */
export function trainingDaysChart(data: readonly TrainingDaysDatum[], {width, unit = "days"}: TrainingDaysOptions): SVGSVGElement {
  const barHeight = 28;
  const margin = {top: 8, right: 90, bottom: 24, left: 190};
  const height = margin.top + margin.bottom + barHeight * data.length;
  const max = d3.max(data, (d) => d.days) ?? 1;
  const x = d3.scaleLinear().domain([0, max]).nice().range([margin.left, Math.max(margin.left + 10, width - margin.right)]);
  const y = d3.scaleBand<string>().domain(data.map((d) => d.name)).range([margin.top, height - margin.bottom]).padding(0.2);

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
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 120))))
    .call((g) => g.select(".domain").remove());

  svg.append("g")
    .attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).tickSize(0))
    .call((g) => g.select(".domain").remove())
    .call((g) => g.selectAll("text").attr("font-size", 12));

  const bars = svg.append("g").selectAll("g").data(data).join("g");
  bars.append("rect")
    .attr("x", x(0))
    .attr("y", (d) => y(d.name) ?? 0)
    .attr("width", (d) => Math.max(0, x(d.days) - x(0)))
    .attr("height", y.bandwidth())
    .attr("fill", "var(--theme-foreground-focus, steelblue)");
  bars.append("text")
    .attr("x", (d) => x(d.days) + 6)
    .attr("y", (d) => (y(d.name) ?? 0) + y.bandwidth() / 2)
    .attr("dy", "0.35em")
    .attr("fill", "currentColor")
    .text((d) => `${d3.format(",.3~r")(d.days)} ${unit}`);

  return svg.node()!;
}
