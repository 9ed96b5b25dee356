// A custom Plotly bundle with only the traces Flatland draws: no prebuilt partial bundle has both
// contour and surface, and the full bundle is several MB larger.
import './global-shim';
import Plotly from 'plotly.js/lib/core';
import scatter from 'plotly.js/lib/scatter';
import contour from 'plotly.js/lib/contour';
import heatmap from 'plotly.js/lib/heatmap';
import surface from 'plotly.js/lib/surface';
// The perturbation marker on the 3D surface.
import scatter3d from 'plotly.js/lib/scatter3d';

Plotly.register([scatter, contour, heatmap, surface, scatter3d]);

export default Plotly;
