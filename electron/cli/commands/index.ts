/** Every `warifu` command, in the order `warifu --help` lists them. */
import type { Command } from '../io'
import { addCommand } from './add'
import { browserCommand } from './browser'
import { browserHostCommand } from './browser-host'
import { checkCommand } from './check'
import { adoptCommand, orphansCommand } from './adopt'
import { codeCommand } from './code'
import { exportCommand } from './export'
import { importCommand } from './import'
import { listCommand } from './list'
import { removeCommand } from './remove'
import { deletedCommand, restoreCommand } from './restore'
import { scanCommand } from './scan'
import { siteCommand } from './site'

export const COMMANDS: Command[] = [
  codeCommand,
  addCommand,
  listCommand,
  siteCommand,
  checkCommand,
  removeCommand,
  restoreCommand,
  deletedCommand,
  scanCommand,
  orphansCommand,
  adoptCommand,
  exportCommand,
  importCommand,
  browserCommand,
  browserHostCommand,
]
