import createPlotlyComponent from 'react-plotly.js/factory';
import Plotly from './plotly-bundle';

/** The react-plotly component bound to Flatland's custom bundle (scatter, contour, heatmap, surface). */
export const Plot = createPlotlyComponent(Plotly);
