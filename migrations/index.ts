import { Foundation1764200000000 } from './1764200000000-Foundation';
import { Evaluations1764210000000 } from './1764210000000-Evaluations';
import { Workflow1764220000000 } from './1764220000000-Workflow';
import { DropUnusedIndex1764230000000 } from './1764230000000-DropUnusedIndex';
import { TimeOrderedIds1764240000000 } from './1764240000000-TimeOrderedIds';
import { AmountBasis1764250000000 } from './1764250000000-AmountBasis';
import { ExchangeRateDate1764260000000 } from './1764260000000-ExchangeRateDate';
import { DeciderTookNoPart1764270000000 } from './1764270000000-DeciderTookNoPart';
import { Sessions1764280000000 } from './1764280000000-Sessions';
import { PartialGrants1764290000000 } from './1764290000000-PartialGrants';
import { LeastPrivilege1764295000000 } from './1764295000000-LeastPrivilege';
import { LoginLimits1764300000000 } from './1764300000000-LoginLimits';
import { Documents1764320000000 } from './1764320000000-Documents';
import { AuditAnchors1764330000000 } from './1764330000000-AuditAnchors';
import { DashboardTally1764400000000 } from './1764400000000-DashboardTally';
import { ReadPathIndexes1764410000000 } from './1764410000000-ReadPathIndexes';
import { AccessLog1764500000000 } from './1764500000000-AccessLog';
import { PortalOutbox1764510000000 } from './1764510000000-PortalOutbox';
import { QueueCounts1764520000000 } from './1764520000000-QueueCounts';
import { NoteDocumentAnchor1764527000000 } from './1764527000000-NoteDocumentAnchor';
import { RegisterReportPaging1764540000000 } from './1764540000000-RegisterReportPaging';
import { DocumentScan1764560000000 } from './1764560000000-DocumentScan';
import { Notifications1764570000000 } from './1764570000000-Notifications';
import { SavedFilters1764580000000 } from './1764580000000-SavedFilters';
import { DashboardPeriodTally1764590000000 } from './1764590000000-DashboardPeriodTally';
import { CaseListIndexes1764590100000 } from './1764590100000-CaseListIndexes';
import { DashboardOpenTally1764590200000 } from './1764590200000-DashboardOpenTally';
import { AccessLogPersonReads1764590300000 } from './1764590300000-AccessLogPersonReads';
import { AccessLogJobRetried1764595000000 } from './1764595000000-AccessLogJobRetried';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  Foundation1764200000000,
  Evaluations1764210000000,
  Workflow1764220000000,
  DropUnusedIndex1764230000000,
  TimeOrderedIds1764240000000,
  AmountBasis1764250000000,
  ExchangeRateDate1764260000000,
  DeciderTookNoPart1764270000000,
  Sessions1764280000000,
  PartialGrants1764290000000,
  LeastPrivilege1764295000000,
  LoginLimits1764300000000,
  Documents1764320000000,
  AuditAnchors1764330000000,
  DashboardTally1764400000000,
  ReadPathIndexes1764410000000,
  AccessLog1764500000000,
  PortalOutbox1764510000000,
  QueueCounts1764520000000,
  NoteDocumentAnchor1764527000000,
  RegisterReportPaging1764540000000,
  DocumentScan1764560000000,
  Notifications1764570000000,
  SavedFilters1764580000000,
  DashboardPeriodTally1764590000000,
  CaseListIndexes1764590100000,
  DashboardOpenTally1764590200000,
  AccessLogPersonReads1764590300000,
  AccessLogJobRetried1764595000000,
];
