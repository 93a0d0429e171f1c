// GENERATED from hocbaso-1.0.xsd and xmldsig-core-hocbaso.xsd: do not edit; edit the .xsd files, then run
// UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/xml/xsd-module.test.ts
// (a string module, so that the browser, the CLI and the signing helper all get the schema without file access).

/** hocbaso-1.0.xsd: the học bạ số 1.0 schema. */
export const HOCBASO_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<!--
  Học bạ số, định dạng 1.0 (định dạng riêng của dự án hocba-signer, dùng cho đến khi Bộ GDĐT công bố
  lược đồ chính thức). Một tài liệu = một học viên trong một năm học.
  The project's own format 1.0. Business elements have no namespace; signatures are XMLDSig
  (namespace ds) with XAdES properties, described by the companion file xmldsig-core-hocbaso.xsd,
  which must sit next to this file (the command "hocba schema" with option out writes both). Validation needs no
  network: xmllint with the options noout and schema, given this file and a document.
  Contract: docs/format-hocbaso.md. Source of truth: shared/xml/hocbaso-v1/hocbaso-1.0.xsd.
-->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
           version="1.0">

  <xs:import namespace="http://www.w3.org/2000/09/xmldsig#" schemaLocation="xmldsig-core-hocbaso.xsd"/>

  <!-- ============================== Gốc ============================== -->

  <xs:element name="HocBaSo">
    <xs:annotation>
      <xs:documentation xml:lang="vi">Học bạ số của một học viên trong một năm học: dữ liệu (DLHocBa) rồi chữ ký số (DSCKS).</xs:documentation>
    </xs:annotation>
    <xs:complexType>
      <xs:sequence>
        <xs:element name="DLHocBa" type="KieuDLHocBa"/>
        <xs:element name="DSCKS" type="KieuDSCKS"/>
      </xs:sequence>
      <xs:attribute name="PhienBan" type="xs:string" use="required" fixed="1.0"/>
    </xs:complexType>
  </xs:element>

  <xs:complexType name="KieuDLHocBa">
    <xs:annotation>
      <xs:documentation xml:lang="vi">Dữ liệu học bạ: phần mà mọi chữ ký tham chiếu tới (URI="#DLHocBa").</xs:documentation>
    </xs:annotation>
    <xs:sequence>
      <xs:element name="TTChung" type="KieuTTChung"/>
      <xs:element name="HocVien" type="KieuHocVien"/>
      <xs:element name="QuaTrinhHocTap" type="KieuQuaTrinhHocTap" minOccurs="0">
        <xs:annotation><xs:documentation xml:lang="vi">Quá trình học tập: các năm học, lớp, trường và ngày nhập học hoặc chuyển đến, như trang đầu học bạ giấy.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="ChuyenDen" type="KieuChuyenDen" minOccurs="0">
        <xs:annotation><xs:documentation xml:lang="vi">Học viên chuyển đến trong năm học: ngày và trường chuyển từ đó đến.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="RoiTruong" type="KieuRoiTruong" minOccurs="0">
        <xs:annotation><xs:documentation xml:lang="vi">Học viên chuyển đi hoặc thôi học trong năm học. Học bạ chỉ ghi các học kỳ đã hoàn thành (HocKyHoanThanh): kết quả của học kỳ sau đó, cả năm (CN), sau kiểm tra lại, KetQuaXet, KetQuaXetLai, DanhHieu để rỗng hoặc không có.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="KetQua" type="KieuKetQua">
        <xs:unique name="MaMonKhongLap">
          <xs:selector xpath="Mon"/>
          <xs:field xpath="Ma"/>
        </xs:unique>
      </xs:element>
      <xs:element name="HocTap" type="KieuHocTap"/>
      <xs:element name="RenLuyen" type="KieuRenLuyen"/>
      <xs:element name="SoBuoiNghi" type="KieuSoBuoiNghi">
        <xs:annotation>
          <xs:documentation xml:lang="vi">Tổng số buổi nghỉ cả năm (có phép và không phép); rỗng khi cổng không ghi.</xs:documentation>
        </xs:annotation>
      </xs:element>
      <xs:element name="KetQuaXet" type="KieuKetQuaXet" minOccurs="0">
        <xs:annotation>
          <xs:documentation xml:lang="vi">Quyết định cuối năm (TT22 Điều 12-14; TT43 Điều 11). Bắt buộc, trừ học viên rời trường trước khi hết năm học (RoiTruong).</xs:documentation>
        </xs:annotation>
      </xs:element>
      <xs:element name="KetQuaXetLai" type="KieuKetQuaXetLai" minOccurs="0">
        <xs:annotation>
          <xs:documentation xml:lang="vi">Quyết định sau kiểm tra lại hoặc rèn luyện trong hè; chỉ có khi đã xét lại.</xs:documentation>
        </xs:annotation>
      </xs:element>
      <xs:element name="DanhHieu" type="KieuDanhHieu" minOccurs="0"/>
      <xs:element name="NhanXetGVCN" type="KieuChuoi"/>
    </xs:sequence>
    <xs:attribute name="Id" type="KieuIdDLHocBa" use="required"/>
  </xs:complexType>

  <xs:simpleType name="KieuIdDLHocBa">
    <xs:restriction base="xs:ID">
      <xs:enumeration value="DLHocBa"/>
    </xs:restriction>
  </xs:simpleType>

  <!-- ============================== Thông tin chung ============================== -->

  <xs:complexType name="KieuTTChung">
    <xs:sequence>
      <xs:element name="MaSo" type="KieuMa">
        <xs:annotation><xs:documentation xml:lang="vi">Mã Sở GDĐT.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="MaTruong" type="KieuMa"/>
      <xs:element name="TenTruong" type="KieuChuoiBatBuoc"/>
      <xs:element name="CapHoc" type="KieuCapHoc"/>
      <xs:element name="ChuongTrinh" type="KieuMa">
        <xs:annotation><xs:documentation xml:lang="vi">Mã bộ quy tắc đánh giá đã dùng (gdtx-tt43, thpt-tt22).</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="NamHoc" type="KieuNamHoc"/>
      <xs:element name="Khoi" type="KieuChuoiBatBuoc"/>
      <xs:element name="Lop" type="KieuChuoiBatBuoc"/>
      <xs:element name="GVCN" type="KieuChuoiBatBuoc">
        <xs:annotation><xs:documentation xml:lang="vi">Họ tên giáo viên chủ nhiệm.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="CCCDGVCN" type="KieuCCCD" minOccurs="0">
        <xs:annotation><xs:documentation xml:lang="vi">Số căn cước công dân của GVCN, nếu đơn vị ghi: chứng thư số ký GVCN có CCCD thì phải cùng số.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="ThuTruong" type="KieuThuTruong"/>
      <xs:element name="KyThay" type="KieuKyThay" minOccurs="0">
        <xs:annotation><xs:documentation xml:lang="vi">Cấp phó ký thay thủ trưởng (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC, KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG); chỉ có khi đơn vị giao ký thay. Khi có, người này cũng được ký vai trò ThuTruong.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="DiaDanh" type="KieuChuoi">
        <xs:annotation><xs:documentation xml:lang="vi">Địa danh nơi lập học bạ ("Hà Nội, ngày ..."); có thể rỗng.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="IdBanGhi" type="KieuUUID">
        <xs:annotation><xs:documentation xml:lang="vi">Mã bản ghi, giữ nguyên qua các phiên bản của cùng học bạ năm.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="SuKien" type="KieuSuKien"/>
      <xs:element name="PhienBanBanGhi" type="xs:positiveInteger"/>
      <xs:element name="ThoiGianLap" type="KieuThoiDiem"/>
      <xs:element name="ThayThe" type="KieuThayThe" minOccurs="0">
        <xs:annotation><xs:documentation xml:lang="vi">Chỉ có ở phiên bản sau (SuKien UPDATE hoặc CANCEL): phiên bản bị thay thế, SHA-256 của bản đó, lý do và các chỗ sửa.</xs:documentation></xs:annotation>
      </xs:element>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuThayThe">
    <xs:annotation>
      <xs:documentation xml:lang="vi">Phiên bản này thay thế phiên bản PhienBanTruoc của cùng IdBanGhi. SHA256BanTruoc: SHA-256 (hệ 16, chữ thường) của bản chưa ký của phiên bản đó, tức tài liệu như khi lập, DSCKS rỗng. SuaDoi: mỗi chỗ sửa một Muc (như "Trong bảng này có sửa chữa ở ... chỗ" của học bạ giấy); không có khi hủy.</xs:documentation>
    </xs:annotation>
    <xs:sequence>
      <xs:element name="PhienBanTruoc" type="xs:positiveInteger"/>
      <xs:element name="SHA256BanTruoc" type="KieuSHA256"/>
      <xs:element name="LyDo" type="KieuChuoiBatBuoc"/>
      <xs:element name="SuaDoi" type="KieuSuaDoi" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuSuaDoi">
    <xs:sequence>
      <xs:element name="Muc" type="KieuMucSuaDoi" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuMucSuaDoi">
    <xs:annotation>
      <xs:documentation xml:lang="vi">Một chỗ sửa: đường dẫn trường trong DLHocBa (ví dụ KetQua/Mon[TO]/CN/TBM), giá trị cũ và giá trị mới như ghi trong XML (rỗng khi trước đó chưa có hoặc nay không còn).</xs:documentation>
    </xs:annotation>
    <xs:sequence>
      <xs:element name="TruongDuLieu" type="KieuChuoiBatBuoc"/>
      <xs:element name="GiaTriCu" type="KieuChuoi"/>
      <xs:element name="GiaTriMoi" type="KieuChuoi"/>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuThuTruong">
    <xs:annotation>
      <xs:documentation xml:lang="vi">Người phê duyệt (Giám đốc / Phó Giám đốc; Hiệu trưởng ở trường phổ thông); có thể rỗng khi chưa xác định.</xs:documentation>
    </xs:annotation>
    <xs:sequence>
      <xs:element name="HoTen" type="KieuChuoi"/>
      <xs:element name="ChucVu" type="KieuChuoi"/>
      <xs:element name="CCCD" type="KieuCCCD" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuKyThay">
    <xs:annotation>
      <xs:documentation xml:lang="vi">Cấp phó ký thay (KT.): họ tên, chức vụ (Phó Giám đốc, Phó Hiệu trưởng), số căn cước công dân nếu có.</xs:documentation>
    </xs:annotation>
    <xs:sequence>
      <xs:element name="HoTen" type="KieuChuoiBatBuoc"/>
      <xs:element name="ChucVu" type="KieuChuoiBatBuoc"/>
      <xs:element name="CCCD" type="KieuCCCD" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>

  <!-- ============================== Học viên ============================== -->

  <xs:complexType name="KieuHocVien">
    <xs:annotation>
      <xs:documentation xml:lang="vi">Thông tin học viên. Các trường không bắt buộc để rỗng khi cổng không có, không bao giờ tự điền.</xs:documentation>
    </xs:annotation>
    <xs:sequence>
      <xs:element name="MaHocVien" type="KieuMaHocVien"/>
      <xs:element name="SoDinhDanh" type="KieuSoDinhDanh"/>
      <xs:element name="HoTen" type="KieuChuoiBatBuoc"/>
      <xs:element name="NgaySinh" type="KieuNgay"/>
      <xs:element name="GioiTinh" type="KieuGioiTinh"/>
      <xs:element name="DanToc" type="KieuChuoi"/>
      <xs:element name="QuocTich" type="KieuChuoi"/>
      <xs:element name="NoiSinh" type="KieuChuoi"/>
      <xs:element name="NoiO" type="KieuChuoi"/>
      <xs:element name="HoTenCha" type="KieuChuoi"/>
      <xs:element name="HoTenMe" type="KieuChuoi"/>
      <xs:element name="HoTenNguoiGiamHo" type="KieuChuoi"/>
      <xs:element name="DoiTuongChinhSach" type="KieuChuoi"/>
    </xs:sequence>
  </xs:complexType>

  <!-- ============================== Quá trình học tập, chuyển đến, rời trường ============================== -->

  <xs:complexType name="KieuQuaTrinhHocTap">
    <xs:sequence>
      <xs:element name="Nam" type="KieuNamHocDaQua" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuNamHocDaQua">
    <xs:sequence>
      <xs:element name="NamHoc" type="KieuNamHoc"/>
      <xs:element name="Lop" type="KieuChuoiBatBuoc"/>
      <xs:element name="TenTruong" type="KieuChuoiBatBuoc"/>
      <xs:element name="Ngay" type="KieuNgay">
        <xs:annotation><xs:documentation xml:lang="vi">Ngày nhập học hoặc chuyển đến.</xs:documentation></xs:annotation>
      </xs:element>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuChuyenDen">
    <xs:sequence>
      <xs:element name="Ngay" type="KieuNgay"/>
      <xs:element name="TruongCu" type="KieuChuoiBatBuoc"/>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuRoiTruong">
    <xs:sequence>
      <xs:element name="TrangThai" type="KieuTrangThaiRoiTruong"/>
      <xs:element name="Ngay" type="KieuNgay"/>
      <xs:element name="HocKyHoanThanh" type="KieuHocKyHoanThanh"/>
      <xs:element name="TruongChuyenDen" type="KieuChuoiBatBuoc" minOccurs="0">
        <xs:annotation><xs:documentation xml:lang="vi">Nơi chuyển đến; có khi TrangThai là ChuyenDi.</xs:documentation></xs:annotation>
      </xs:element>
    </xs:sequence>
  </xs:complexType>

  <xs:simpleType name="KieuTrangThaiRoiTruong">
    <xs:annotation><xs:documentation xml:lang="vi">ChuyenDi = chuyển đi, ThoiHoc = thôi học.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value="ChuyenDi"/>
      <xs:enumeration value="ThoiHoc"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuHocKyHoanThanh">
    <xs:annotation><xs:documentation xml:lang="vi">Số học kỳ đã hoàn thành trước khi rời trường: 0, 1 hoặc 2.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value="0"/>
      <xs:enumeration value="1"/>
      <xs:enumeration value="2"/>
    </xs:restriction>
  </xs:simpleType>

  <!-- ============================== Kết quả các môn ============================== -->

  <xs:complexType name="KieuKetQua">
    <xs:sequence>
      <xs:element name="Mon" type="KieuMon" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuMon">
    <xs:sequence>
      <xs:element name="Ma" type="KieuMa"/>
      <xs:element name="Ten" type="KieuChuoiBatBuoc"/>
      <xs:element name="HinhThuc" type="KieuHinhThuc"/>
      <xs:element name="HK1" type="KieuKetQuaHocKy"/>
      <xs:element name="HK2" type="KieuKetQuaHocKy"/>
      <xs:element name="CN" type="KieuKetQuaHocKy">
        <xs:annotation><xs:documentation xml:lang="vi">Kết quả cả năm; chỉ rỗng khi học viên rời trường trước khi hết năm học (RoiTruong).</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="KTLai" type="KieuKetQuaMon" minOccurs="0">
        <xs:annotation><xs:documentation xml:lang="vi">Kết quả kiểm tra lại; chỉ có khi học viên kiểm tra lại môn này.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="GiaoVien" type="KieuChuoi"/>
      <xs:element name="NhanXet" type="KieuChuoi"/>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuKetQuaMon">
    <xs:annotation>
      <xs:documentation xml:lang="vi">TBM cho môn đánh giá bằng điểm số, MucDanhGia cho môn đánh giá bằng nhận xét.</xs:documentation>
    </xs:annotation>
    <xs:choice>
      <xs:element name="TBM" type="KieuTBM"/>
      <xs:element name="MucDanhGia" type="KieuMucDanhGia"/>
    </xs:choice>
  </xs:complexType>

  <xs:complexType name="KieuKetQuaHocKy">
    <xs:annotation>
      <xs:documentation xml:lang="vi">Như KieuKetQuaMon; rỗng khi môn không học trong học kỳ này.</xs:documentation>
    </xs:annotation>
    <xs:choice minOccurs="0">
      <xs:element name="TBM" type="KieuTBM"/>
      <xs:element name="MucDanhGia" type="KieuMucDanhGia"/>
    </xs:choice>
  </xs:complexType>

  <!-- ============================== Học tập, rèn luyện ============================== -->

  <xs:complexType name="KieuHocTap">
    <xs:annotation><xs:documentation xml:lang="vi">CN chỉ rỗng khi học viên rời trường trước khi hết năm học (RoiTruong); cũng vậy với KieuRenLuyen.</xs:documentation></xs:annotation>
    <xs:sequence>
      <xs:element name="HK1" type="KieuMucXepLoaiHoacRong"/>
      <xs:element name="HK2" type="KieuMucXepLoaiHoacRong"/>
      <xs:element name="CN" type="KieuMucXepLoaiHoacRong"/>
      <xs:element name="SauKiemTraLai" type="KieuMucXepLoai" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="KieuRenLuyen">
    <xs:sequence>
      <xs:element name="HK1" type="KieuMucXepLoaiHoacRong"/>
      <xs:element name="HK2" type="KieuMucXepLoaiHoacRong"/>
      <xs:element name="CN" type="KieuMucXepLoaiHoacRong"/>
      <xs:element name="SauRenLuyenHe" type="KieuMucXepLoai" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>

  <!-- ============================== Chữ ký số ============================== -->

  <xs:complexType name="KieuDSCKS">
    <xs:annotation>
      <xs:documentation xml:lang="vi">Chữ ký theo vai, đúng thứ tự: GVCN, rồi ThuTruong, rồi DonVi (con dấu đơn vị). Rỗng khi chưa ký. Văn bản hủy (SuKien CANCEL) do ThuTruong ký, rồi có thể DonVi, không có GVCN; lược đồ cho phép cả hai dạng, quy tắc ký (docs/format-hocbaso.md) gắn mỗi dạng với SuKien.</xs:documentation>
    </xs:annotation>
    <xs:choice minOccurs="0">
      <xs:sequence>
        <xs:element name="GVCN" type="KieuChuKy"/>
        <xs:sequence minOccurs="0">
          <xs:element name="ThuTruong" type="KieuChuKy"/>
          <xs:element name="DonVi" type="KieuChuKy" minOccurs="0"/>
        </xs:sequence>
      </xs:sequence>
      <xs:sequence>
        <xs:element name="ThuTruong" type="KieuChuKy"/>
        <xs:element name="DonVi" type="KieuChuKy" minOccurs="0"/>
      </xs:sequence>
    </xs:choice>
  </xs:complexType>

  <xs:complexType name="KieuChuKy">
    <xs:sequence>
      <xs:element ref="ds:Signature"/>
    </xs:sequence>
  </xs:complexType>

  <!-- ============================== Kiểu đơn ============================== -->

  <xs:simpleType name="KieuChuoi">
    <xs:restriction base="xs:string"/>
  </xs:simpleType>

  <xs:simpleType name="KieuChuoiBatBuoc">
    <xs:annotation><xs:documentation xml:lang="vi">Chuỗi có ít nhất một ký tự khác khoảng trắng (kể cả khoảng trắng Unicode như U+00A0, U+3000).</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="[\\s\\S]*[^\\s\\p{Z}][\\s\\S]*"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuMa">
    <xs:annotation><xs:documentation xml:lang="vi">Mã: chữ cái Latinh, chữ số, dấu chấm, gạch dưới, gạch ngang; tối đa 50 ký tự.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9A-Za-z][0-9A-Za-z._\\-]{0,49}"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuMaHocVien">
    <xs:annotation><xs:documentation xml:lang="vi">Mã học viên, cũng là phần đầu tên tệp: chữ cái Latinh, chữ số, gạch dưới, gạch ngang; tối đa 64 ký tự.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9A-Za-z][0-9A-Za-z_\\-]{0,63}"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuCCCD">
    <xs:annotation><xs:documentation xml:lang="vi">Số căn cước công dân: 12 chữ số.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9]{12}"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuSoDinhDanh">
    <xs:annotation><xs:documentation xml:lang="vi">Số định danh cá nhân: 12 chữ số.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9]{12}"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuCapHoc">
    <xs:annotation><xs:documentation xml:lang="vi">Mã nhóm cấp học (manhomcaphoc) của CSDL ngành: 04 = Trung học phổ thông, 05 = Giáo dục thường xuyên. 03 (Trung học cơ sở) vẫn hợp lệ: tài liệu 1.0 lập trước đây ghi 03 cho THPT, và chữ ký của chúng bao trùm đúng các byte đó; tài liệu mới không ghi 03.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value="05"/>
      <xs:enumeration value="04"/>
      <xs:enumeration value="03"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuNamHoc">
    <xs:annotation><xs:documentation xml:lang="vi">Năm học, ví dụ 2025-2026.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9]{4}-[0-9]{4}"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuUUID">
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuSHA256">
    <xs:annotation><xs:documentation xml:lang="vi">SHA-256 viết hệ 16, 64 chữ số và chữ thường a-f.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9a-f]{64}"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuSuKien">
    <xs:annotation><xs:documentation xml:lang="vi">NEW = lập mới, UPDATE = bản sửa (PhienBanBanGhi cao hơn), CANCEL = hủy.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value="NEW"/>
      <xs:enumeration value="UPDATE"/>
      <xs:enumeration value="CANCEL"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuThoiDiem">
    <xs:annotation><xs:documentation xml:lang="vi">Thời điểm có múi giờ, ví dụ 2026-05-25T08:00:00+07:00.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:dateTime">
      <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?(Z|[+\\-][0-9]{2}:[0-9]{2})"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuNgay">
    <xs:annotation><xs:documentation xml:lang="vi">Ngày dạng YYYY-MM-DD, không múi giờ.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:date">
      <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuGioiTinh">
    <xs:restriction base="xs:string">
      <xs:enumeration value="Nam"/>
      <xs:enumeration value="Nữ"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuHinhThuc">
    <xs:annotation><xs:documentation xml:lang="vi">DiemSo = đánh giá bằng điểm số, NhanXet = đánh giá bằng nhận xét.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value="DiemSo"/>
      <xs:enumeration value="NhanXet"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuTBM">
    <xs:annotation><xs:documentation xml:lang="vi">Điểm trung bình môn từ 0.0 đến 10.0, đúng một chữ số thập phân, dấu chấm.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:decimal">
      <xs:pattern value="(10|[0-9])\\.[0-9]"/>
      <xs:minInclusive value="0"/>
      <xs:maxInclusive value="10"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuMucDanhGia">
    <xs:annotation><xs:documentation xml:lang="vi">Đ = Đạt, CĐ = Chưa đạt.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value="Đ"/>
      <xs:enumeration value="CĐ"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuMucXepLoai">
    <xs:annotation><xs:documentation xml:lang="vi">T = Tốt, K = Khá, Đ = Đạt, CĐ = Chưa đạt.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value="T"/>
      <xs:enumeration value="K"/>
      <xs:enumeration value="Đ"/>
      <xs:enumeration value="CĐ"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuMucXepLoaiHoacRong">
    <xs:annotation><xs:documentation xml:lang="vi">Như KieuMucXepLoai; rỗng khi học kỳ chưa có xếp loại.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value=""/>
      <xs:enumeration value="T"/>
      <xs:enumeration value="K"/>
      <xs:enumeration value="Đ"/>
      <xs:enumeration value="CĐ"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuSoBuoiNghi">
    <xs:annotation><xs:documentation xml:lang="vi">Số nguyên không âm (tối đa 3 chữ số), hoặc rỗng.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="([0-9]|[1-9][0-9]{1,2})?"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuKetQuaXet">
    <xs:annotation><xs:documentation xml:lang="vi">LenLop = được lên lớp, HoanThanhChuongTrinh = hoàn thành chương trình, KiemTraLai = phải kiểm tra lại, RenLuyenHe = phải rèn luyện trong hè, OLai = ở lại lớp.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value="LenLop"/>
      <xs:enumeration value="HoanThanhChuongTrinh"/>
      <xs:enumeration value="KiemTraLai"/>
      <xs:enumeration value="RenLuyenHe"/>
      <xs:enumeration value="OLai"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuKetQuaXetLai">
    <xs:restriction base="xs:string">
      <xs:enumeration value="LenLop"/>
      <xs:enumeration value="HoanThanhChuongTrinh"/>
      <xs:enumeration value="OLai"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="KieuDanhHieu">
    <xs:annotation><xs:documentation xml:lang="vi">XuatSac = Học sinh/Học viên Xuất sắc, Gioi = Học sinh/Học viên Giỏi.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value="XuatSac"/>
      <xs:enumeration value="Gioi"/>
    </xs:restriction>
  </xs:simpleType>
</xs:schema>
`;

/** xmldsig-core-hocbaso.xsd: the XML Signature part it imports (schemaLocation, same folder). */
export const XMLDSIG_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<!--
  The part of XML Signature 1.0 (namespace http://www.w3.org/2000/09/xmldsig#) that a signed
  học bạ số 1.0 document uses, written for this project so that validation needs no network and no
  DTD. Element names, order and types follow the W3C schema (xmldsig-core-schema.xsd); what the
  signature profile forbids is left out: XPath transforms, HMACOutputLength, a Signature without Id.
  Key material and XAdES properties (inside ds:Object) are checked by the verifier, not here.
-->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
           targetNamespace="http://www.w3.org/2000/09/xmldsig#"
           elementFormDefault="qualified"
           version="1.0-hocbaso">

  <xs:element name="Signature">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="SignedInfo" type="ds:SignedInfoType"/>
        <xs:element name="SignatureValue" type="ds:SignatureValueType"/>
        <xs:element name="KeyInfo" type="ds:KeyInfoType" minOccurs="0"/>
        <xs:element name="Object" type="ds:ObjectType" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="Id" type="xs:ID" use="required"/>
    </xs:complexType>
  </xs:element>

  <xs:complexType name="SignedInfoType">
    <xs:sequence>
      <xs:element name="CanonicalizationMethod" type="ds:AlgorithmAnyType"/>
      <xs:element name="SignatureMethod" type="ds:AlgorithmOtherType"/>
      <xs:element name="Reference" type="ds:ReferenceType" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="Id" type="xs:ID"/>
  </xs:complexType>

  <xs:complexType name="ReferenceType">
    <xs:sequence>
      <xs:element name="Transforms" type="ds:TransformsType" minOccurs="0"/>
      <xs:element name="DigestMethod" type="ds:AlgorithmOtherType"/>
      <xs:element name="DigestValue" type="xs:base64Binary"/>
    </xs:sequence>
    <xs:attribute name="Id" type="xs:ID"/>
    <xs:attribute name="URI" type="xs:anyURI"/>
    <xs:attribute name="Type" type="xs:anyURI"/>
  </xs:complexType>

  <xs:complexType name="TransformsType">
    <xs:sequence>
      <xs:element name="Transform" type="ds:AlgorithmOtherType" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>

  <!-- CanonicalizationMethod: parameters from any namespace (e.g. ec:InclusiveNamespaces). -->
  <xs:complexType name="AlgorithmAnyType" mixed="true">
    <xs:sequence>
      <xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="Algorithm" type="xs:anyURI" use="required"/>
  </xs:complexType>

  <!-- SignatureMethod, DigestMethod, Transform: parameters from other namespaces only. -->
  <xs:complexType name="AlgorithmOtherType" mixed="true">
    <xs:sequence>
      <xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="Algorithm" type="xs:anyURI" use="required"/>
  </xs:complexType>

  <xs:complexType name="SignatureValueType">
    <xs:simpleContent>
      <xs:extension base="xs:base64Binary">
        <xs:attribute name="Id" type="xs:ID"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:complexType name="KeyInfoType" mixed="true">
    <xs:sequence>
      <xs:any namespace="##any" processContents="lax" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="Id" type="xs:ID"/>
  </xs:complexType>

  <!-- ds:Object holds xades:QualifyingProperties (XAdES 1.3.2), checked by the verifier. -->
  <xs:complexType name="ObjectType" mixed="true">
    <xs:sequence>
      <xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="Id" type="xs:ID"/>
    <xs:attribute name="MimeType" type="xs:string"/>
    <xs:attribute name="Encoding" type="xs:anyURI"/>
  </xs:complexType>
</xs:schema>
`;
