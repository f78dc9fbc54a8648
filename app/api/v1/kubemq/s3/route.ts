import { handleKubemq } from "@/lib/server/kubemq/handle";

/** KubeMQ's aws-s3 target (lib/server/kubemq): its request envelope, authenticated by an S3 key (HTTP Basic). */
export const POST = handleKubemq;
