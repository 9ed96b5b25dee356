// A custom Plotly bundle with only the traces Flatland draws: no prebuilt partial bundle has both
// contour and surface, and the full bundle is several MB larger.
// @ts-expect-error plotly.js/lib/* ships without type declarations
import Plotly from 'plotly.js/lib/core';
// @ts-expect-error see above
import scatter from 'plotly.js/lib/scatter';
// @ts-expect-error see above
import contour from 'plotly.js/lib/contour';
// @ts-expect-error see above
import heatmap from 'plotly.js/lib/heatmap';
// @ts-expect-error see above
import surface from 'plotly.js/lib/surface';

// eslint-disable-next-line @typescript-eslint/no-unsafe-call
Plotly.register([scatter, contour, heatmap, surface]);

export default Plotly as typeof import('plotly.js');
