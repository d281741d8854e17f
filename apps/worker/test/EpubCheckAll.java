import com.adobe.epubcheck.tool.EpubChecker;

/**
 * Checks each EPUB named on the command line in one JVM, as `epubcheck --quiet <file>` would:
 * prints "== <path>" and then what EPUBCheck reports about it (nothing for a book with no error
 * and no warning).
 */
public class EpubCheckAll {
  public static void main(String[] args) {
    // One stream, so that each report follows its own heading.
    System.setErr(System.out);
    for (String path : args) {
      System.out.println("== " + path);
      new EpubChecker().run(new String[] {path, "--quiet"});
      System.out.flush();
    }
  }
}
