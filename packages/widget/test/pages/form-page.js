// A page with one form, built from the ES module sources; `?endpoint=` names the test's intake.
import '../../src/define.ts';

const form = document.createElement('nh-complaint-form');
form.endpoint = new URLSearchParams(location.search).get('endpoint') ?? '/';
form.locale = 'en';
document.querySelector('#main').append(form);
