/**
 * A chart as a list of drawing commands: what the layouts build from chart data and the painter
 * turns into pixels. Keeping it plain data lets tests read every label drawn without decoding an
 * image, and keeps the layouts free of any canvas.
 */
export type TextRole = 'title' | 'subtitle' | 'heading' | 'label' | 'value' | 'detail' | 'status' | 'tick' | 'legend' | 'note' | 'footnote';

export interface TextItem {
  readonly type: 'text';
  /** Vertical centre of the line. */
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly size: number;
  readonly bold: boolean;
  readonly fill: string;
  readonly align: 'left' | 'center' | 'right';
  /** The painter squeezes rather than overflows should the width estimate be off. */
  readonly maxWidth: number;
  readonly role: TextRole;
}

export interface RectItem {
  readonly type: 'rect';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fill: string;
  readonly radius: number;
}

export interface LineItem {
  readonly type: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly stroke: string;
  readonly lineWidth: number;
  readonly dash: readonly number[];
}

export interface CircleItem {
  readonly type: 'circle';
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly fill: string;
  readonly stroke: string;
  readonly lineWidth: number;
}

export type SceneItem = TextItem | RectItem | LineItem | CircleItem;

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly background: string;
  readonly items: readonly SceneItem[];
}

/** Every text of a scene, in drawing order: what a reader of the picture can read. */
export function textsOf(scene: Scene, role?: TextRole): string[] {
  return scene.items.filter((item): item is TextItem => item.type === 'text' && (role === undefined || item.role === role)).map((item) => item.text);
}
