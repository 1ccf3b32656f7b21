// A status page built from the ES module sources; `?endpoint=` names the test's intake, `?locale=`
// the language. The element reads `?tracking=` and the personal link's `#key=` itself.
import '../../src/define.ts';

const params = new URLSearchParams(location.search);
const status = document.createElement('nh-complaint-status');
status.endpoint = params.get('endpoint') ?? '/';
status.locale = params.get('locale') ?? 'en';
document.querySelector('#main').append(status);
