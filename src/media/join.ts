/**
 * The studio's Extend: the last frame of a video (the picture its continuation starts from), and
 * the two clips joined into one. The continuation's first frame is the parent's last one again,
 * so it is dropped at the seam (with its frame's worth of sound): nothing repeats, nothing is lost.
 */
import type { FfmpegRunner, MediaInfo, RunOptions } from './ffmpeg.js';

/** Writes the last frame of `video` as a PNG at `output` (lossless: the continuation starts on it exactly). */
export async function lastFrame(runner: FfmpegRunner, video: string, output: string, options: RunOptions = {}): Promise<void> {
  // Decode the final second only, and let `-update 1` overwrite one picture with each frame: what
  // is left is the last frame decoded, whatever the container says of its duration.
  await runner.ffmpeg(['-sseof', '-1', '-i', video, '-an', '-update', '1', '-c:v', 'png', '-f', 'image2', output], options);
}

export interface JoinedVideo {
  durationSeconds: number;
  bytes: number;
  frames: number | undefined;
}

/** A clip's video length: its frames at its rate when the container counts them, else its duration. */
function videoSeconds(info: MediaInfo): number {
  const { video } = info;
  if (video?.frames && video.fps > 0) return video.frames / video.fps;
  return info.durationSeconds;
}

const seconds = (value: number) => value.toFixed(6);

/**
 * Joins `first` and `second` (which starts on `first`'s last frame) into `output`. The
 * continuation is brought to the first clip's frame size and rate, so concat takes them; sound is
 * kept, and a clip without sound gets silence of its length, so the other's is not dropped.
 */
export async function joinClips(
  runner: FfmpegRunner,
  first: string,
  second: string,
  output: string,
  options: RunOptions = {},
): Promise<JoinedVideo> {
  const [a, b] = [await runner.probe(first, options), await runner.probe(second, options)];
  if (!a.video || !b.video) throw new Error('a clip to join has no video stream');
  const { width, height } = a.video;
  const fps = a.video.fps || b.video.fps || 24;
  const frame = 1 / fps;
  const firstSeconds = videoSeconds(a);
  const secondSeconds = Math.max(0, videoSeconds(b) - frame);
  const graph = [
    `[0:v]setsar=1,format=yuv420p[v0]`,
    `[1:v]scale=${width}:${height},setsar=1,fps=${fps},format=yuv420p,trim=start_frame=1,setpts=PTS-STARTPTS[v1]`,
  ];
  const sound = Boolean(a.audio || b.audio);
  if (sound) {
    const layout = 'aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo';
    graph.push(
      a.audio
        ? `[0:a]${layout},atrim=duration=${seconds(firstSeconds)},asetpts=PTS-STARTPTS[a0]`
        : `anullsrc=r=48000:cl=stereo,atrim=duration=${seconds(firstSeconds)}[a0]`,
      b.audio
        ? `[1:a]${layout},atrim=start=${seconds(frame)},asetpts=PTS-STARTPTS,atrim=duration=${seconds(secondSeconds)}[a1]`
        : `anullsrc=r=48000:cl=stereo,atrim=duration=${seconds(secondSeconds)}[a1]`,
      '[v0][a0][v1][a1]concat=n=2:v=1:a=1[v][a]',
    );
  } else {
    graph.push('[v0][v1]concat=n=2:v=1:a=0[v]');
  }
  await runner.ffmpeg(
    [
      '-i',
      first,
      '-i',
      second,
      '-filter_complex',
      graph.join(';'),
      '-map',
      '[v]',
      ...(sound ? ['-map', '[a]', '-c:a', 'aac', '-b:a', '160k'] : []),
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '18',
      '-pix_fmt',
      'yuv420p',
      '-r',
      String(fps),
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      output,
    ],
    options,
  );
  const joined = await runner.probe(output, options);
  return { durationSeconds: videoSeconds(joined), bytes: joined.sizeBytes, frames: joined.video?.frames };
}
