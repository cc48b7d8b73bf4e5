// Where the launcher copies rendered files inside the containers, and where the services read them.

export const PROMETHEUS_CONFIG_DIR = '/etc/prometheus';
export const EXPORTER_CONFIG_DIR = '/etc/onyx';
export const METRICS_PASSWORD_FILE = `${PROMETHEUS_CONFIG_DIR}/secrets/metrics-password`;
export const PROMETHEUS_RULES_DIR = `${PROMETHEUS_CONFIG_DIR}/rules`;
export const ALERTMANAGER_CONFIG_DIR = '/etc/alertmanager';
/** node_exporter's textfile collector reads the caps the launcher writes here. */
export const TEXTFILE_DIR = `${EXPORTER_CONFIG_DIR}/textfile`;
/** Where nginx (the auth proxy) reads its config in an exporter's container. */
export const AUTH_PROXY_CONF = `${EXPORTER_CONFIG_DIR}/nginx.conf`;
