import { ReportApp } from "../../ui/report/report-app.tsx";
import { mountPage } from "../../ui/mount.tsx";

mountPage(<ReportApp />);
