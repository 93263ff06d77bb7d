// FopBatch.java — Apache FOP's Java API in one JVM for a batch (make bench): one FopFactory
// (fonts configured once), then every XSL-FO file of LIST rendered to OUTDIR/NAME.pdf.
//   java -cp CLASSPATH FopBatch fop.xconf LIST OUTDIR
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.MimeConstants;

public class FopBatch {
    public static void main(String[] args) throws Exception {
        FopFactory factory = FopFactory.newInstance(new File(args[0]).getAbsoluteFile());
        TransformerFactory tf = TransformerFactory.newInstance();
        List<String> files = Files.readAllLines(Paths.get(args[1]));
        int failed = 0;
        for (String in : files) {
            if (in.isEmpty())
                continue;
            String name = new File(in).getName().replaceAll("\\.fo$", "");
            File out = new File(args[2], name + ".pdf");
            try (OutputStream os = new BufferedOutputStream(new FileOutputStream(out))) {
                Fop fop = factory.newFop(MimeConstants.MIME_PDF, os);
                Transformer t = tf.newTransformer();
                t.transform(new StreamSource(new File(in)), new SAXResult(fop.getDefaultHandler()));
            } catch (Exception e) {
                System.err.println(in + ": " + e);
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
