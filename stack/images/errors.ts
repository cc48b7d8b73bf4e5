// Failures of the image builder: the message is one line meant for the user.

/** Any failure of the image builder but the engine's own (DockerEngineError). */
export class ImageError extends Error {
  override name = 'ImageError';
}

/** A build (or the base image, or the stub bundle) failed; `tail` holds the last lines of its output. */
export class ImageBuildError extends ImageError {
  override name = 'ImageBuildError';
  constructor(
    readonly image: string,
    message: string,
    readonly tail: string[] = [],
    readonly exitCode: number | null = null,
  ) {
    super(message);
  }
}
