import { ProgressApp } from "../../ui/progress/progress-app.tsx";
import { mountPage } from "../../ui/mount.tsx";

mountPage(<ProgressApp />);
