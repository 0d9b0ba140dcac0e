// sysexits codes, as rabbitmqctl uses them (core/exit_codes.ex); scripts depend on these numbers.
export const ExitCode = {
  ok: 0,
  usage: 64,
  dataErr: 65,
  noUser: 67,
  unavailable: 69,
  software: 70,
  tempFail: 75,
  noPerm: 77,
  config: 78,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
