<?xml version="1.0" encoding="UTF-8"?>
<!-- An XPath expression cubic in the size of the project: stopped at the XPath step limit. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <xsl:value-of select="count(//node()[count(//node()[count(//node()) &gt; 0]) &gt; 0])"/>
  </xsl:template>
</xsl:stylesheet>
