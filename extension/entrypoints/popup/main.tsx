import { PopupApp } from "../../ui/popup/popup-app.tsx";
import { mountPage } from "../../ui/mount.tsx";

mountPage(<PopupApp />);
