// <pulse-chart>: a thin web component around Apache ECharts for Pulse's Java EChart component.
// The server sets the `option` property to ECharts option JSON; functions ECharts needs are named
// in that JSON and looked up here, so no code ever travels from the server.
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  CustomChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

// Named renderers for custom series: {"type": "custom", "renderItem": "errorBarX", "encode": ...}.
const renderers = {
  // A horizontal interval on a category y axis; data items are [categoryIndex, low, high].
  errorBarX(params, api) {
    const category = api.value(0);
    const low = api.coord([api.value(1), category]);
    const high = api.coord([api.value(2), category]);
    const half = api.size([0, 1])[1] * 0.22;
    const style = { stroke: '#1f2937', lineWidth: 1.5 };
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
        { type: 'line', shape: { x1: low[0], y1: low[1] - half, x2: low[0], y2: low[1] + half }, style },
        { type: 'line', shape: { x1: high[0], y1: high[1] - half, x2: high[0], y2: high[1] + half }, style },
      ],
    };
  },
};

function resolveFunctions(option) {
  for (const series of [].concat(option.series || [])) {
    if (typeof series.renderItem === 'string') {
      series.renderItem = renderers[series.renderItem];
    }
  }
  return option;
}

class PulseChart extends HTMLElement {
  constructor() {
    super();
    this._option = null;
    this._chart = null;
  }

  connectedCallback() {
    // A property set before this element was defined sits on the instance and hides the setter.
    if (Object.prototype.hasOwnProperty.call(this, 'option')) {
      const value = this.option;
      delete this.option;
      this.option = value;
    }
    if (!this.style.display) {
      this.style.display = 'block';
    }
    this._chart = echarts.init(this, null, { renderer: 'canvas' });
    this._chart.on('click', (p) => {
      const data = p.data && typeof p.data === 'object' && !Array.isArray(p.data) ? p.data : {};
      this.dispatchEvent(
        new CustomEvent('pulse-chart-click', {
          detail: { id: data.id != null ? String(data.id) : null, name: p.name != null ? String(p.name) : null },
        }),
      );
    });
    this._resizeObserver = new ResizeObserver(() => this._chart && this._chart.resize());
    this._resizeObserver.observe(this);
    this._apply();
  }

  disconnectedCallback() {
    if (this._resizeObserver) {
      this._resizeObserver.disconnect();
    }
    if (this._chart) {
      this._chart.dispose();
      this._chart = null;
    }
  }

  set option(value) {
    this._option = value;
    this._apply();
  }

  get option() {
    return this._option;
  }

  _apply() {
    if (!this._chart || this._option == null) {
      return;
    }
    const option = typeof this._option === 'string' ? JSON.parse(this._option) : this._option;
    this._chart.setOption(resolveFunctions(option), { notMerge: true });
    this.setAttribute('data-rendered', 'true');
  }
}

if (!customElements.get('pulse-chart')) {
  customElements.define('pulse-chart', PulseChart);
}
