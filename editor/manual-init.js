// Decap starts itself on load unless told otherwise: admin.js starts it once the
// generated configuration (config.json) has arrived.
window.CMS_MANUAL_INIT = true;
