/**
 * ECharts as the dashboard uses it: only the bar, line and pie charts, their components and the
 * canvas renderer (echarts/core keeps the rest out of the bundle). Imported by the dashboard page
 * alone, so the charts load with that lazy route.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import VChart from 'vue-echarts'

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { VChart }
