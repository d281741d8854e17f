// Tests that use the domain's services without a Nest app (the backup test issues certificates,
// the mail test delivers e-mail) log through Nest's static Logger, whose default prints coloured
// lines at every level. As in the apps: JSON lines at the run's level (LOG_LEVEL, `error` in a run).
import { Logger } from '@nestjs/common';
import { JsonLogger, loadConfig } from '@karvan/config';

Logger.overrideLogger(new JsonLogger(loadConfig().logLevel));
