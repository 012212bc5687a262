package org.scapsql.reader;

/**
 * Block type numbers of the scap format. The "V" numbers jump from 0x209 to 0x210
 * because upstream incremented the hex value as if it were decimal; the
 * {@code 0x80xxABCD} values are pre-release synonyms that readers still accept.
 */
public final class BlockType {
  public static final int SHB = 0x0A0D0D0A;
  public static final int MI = 0x201;
  public static final int PL_V1 = 0x202;
  public static final int FDL = 0x203;
  public static final int EV = 0x204;
  public static final int IL = 0x205;
  public static final int UL = 0x206;
  public static final int PL_V2 = 0x207;
  public static final int EVF = 0x208;
  public static final int PL_V3 = 0x209;
  public static final int PL_V4 = 0x210;
  public static final int PL_V5 = 0x211;
  public static final int PL_V6 = 0x212;
  public static final int PL_V7 = 0x213;
  public static final int PL_V8 = 0x214;
  public static final int PL_V9 = 0x215;
  public static final int EV_V2 = 0x216;
  public static final int EVF_V2 = 0x217;
  public static final int FDL_V2 = 0x218;
  public static final int IL_V2 = 0x219;
  public static final int UL_V2 = 0x220;
  public static final int EV_V2_LARGE = 0x221;
  public static final int EVF_V2_LARGE = 0x222;

  private BlockType() {}

  /** Maps the pre-release aliases onto the released numbers; other values pass through. */
  public static int canonical(int type) {
    switch (type) {
      case 0x8002ABCD: return MI;
      case 0x8000ABCD: return PL_V1;
      case 0x8013ABCD: return PL_V2;
      case 0x8014ABCD: return PL_V3;
      case 0x8001ABCD: return FDL;
      case 0x8010ABCD: return EV;
      case 0x8011ABCD: return IL;
      case 0x8012ABCD: return UL;
      default: return type;
    }
  }

  public static boolean isEvent(int type) {
    switch (type) {
      case EV: case EVF: case EV_V2: case EVF_V2: case EV_V2_LARGE: case EVF_V2_LARGE:
        return true;
      default:
        return false;
    }
  }

  /** Process-list version 1..9, or 0 when the type is not a process list. */
  public static int processListVersion(int type) {
    switch (type) {
      case PL_V1: return 1;
      case PL_V2: return 2;
      case PL_V3: return 3;
      case PL_V4: return 4;
      case PL_V5: return 5;
      case PL_V6: return 6;
      case PL_V7: return 7;
      case PL_V8: return 8;
      case PL_V9: return 9;
      default: return 0;
    }
  }

  public static String name(int type) {
    switch (type) {
      case SHB: return "SHB";
      case MI: return "MI";
      case FDL: return "FDL";
      case FDL_V2: return "FDL_V2";
      case EV: return "EV";
      case EVF: return "EVF";
      case EV_V2: return "EV_V2";
      case EVF_V2: return "EVF_V2";
      case EV_V2_LARGE: return "EV_V2_LARGE";
      case EVF_V2_LARGE: return "EVF_V2_LARGE";
      case IL: return "IL";
      case IL_V2: return "IL_V2";
      case UL: return "UL";
      case UL_V2: return "UL_V2";
      default:
        int v = processListVersion(type);
        return v > 0 ? "PL_V" + v : String.format("0x%X", type);
    }
  }
}
