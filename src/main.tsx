import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import createPlotlyComponent from 'react-plotly.js/factory';
import Plotly from './components/plot/plotly-bundle';

const Plot = createPlotlyComponent(Plotly);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <h1>Flatland</h1>
    <Plot data={[{ type: 'contour', z: [[1, 2], [3, 4]] }, { type: 'scatter', x: [0, 1], y: [0, 1] }]} layout={{ width: 400, height: 300 }} />
    <Plot data={[{ type: 'surface', z: [[1, 2], [3, 4]] }]} layout={{ width: 400, height: 300 }} />
  </StrictMode>,
);
