import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { h } from './dom';

// Only the pieces the board draws, so the bundle carries no unused chart types.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  values: Array<number | null>;
  color: string;
}

export const COLORS = { good: '#2f855a', late: '#d69e2e', bad: '#c53030', main: '#2b6cb0', second: '#805ad5' };

/** One bar chart, drawn once and then updated in place, so that polling does not make it flicker. */
export class BarChart {
  readonly element: HTMLElement;
  private readonly canvas = h('canvas');
  private chart: Chart<'bar', Array<number | null>, string> | undefined;

  constructor(
    title: string,
    private readonly options: { stacked?: boolean; yLabel: string; max?: number },
  ) {
    this.element = h(
      'figure',
      { class: 'chart' },
      h('figcaption', {}, title),
      h('div', { class: 'chart-box' }, this.canvas),
    );
  }

  show(labels: string[], series: Series[]): void {
    const datasets = series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color }));
    if (this.chart) {
      this.chart.data.labels = labels;
      this.chart.data.datasets = datasets;
      this.chart.update('none');
      return;
    }
    const stacked = this.options.stacked ?? false;
    this.chart = new Chart(this.canvas, {
      type: 'bar',
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked },
          y: {
            stacked,
            beginAtZero: true,
            max: this.options.max,
            ticks: { precision: 0 },
            title: { display: true, text: this.options.yLabel },
          },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }
}
