/** Environment for every Nx/Angular call: no cloud, no daemon, no analytics or telemetry. */
export const quietToolEnv = {
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NG_CLI_ANALYTICS: 'false',
  NX_TUI: 'false',
};
