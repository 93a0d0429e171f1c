import { ReviewApp } from "../../ui/review/review-app.tsx";
import { mountPage } from "../../ui/mount.tsx";

mountPage(<ReviewApp />);
